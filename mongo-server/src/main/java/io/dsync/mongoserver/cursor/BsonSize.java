package io.dsync.mongoserver.cursor;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import io.dsync.mongoserver.bson.CodeWithScope;
import io.dsync.mongoserver.bson.DbPointer;
import io.dsync.mongoserver.bson.EncodedDocument;
import io.dsync.mongoserver.bson.Symbol;
import io.dsync.mongoserver.bson.TypedBinary;
import java.util.Collection;
import java.util.Map;

/** The encoded BSON size of a document in mongo-java-server's representation, without encoding. */
public final class BsonSize {

    private BsonSize() {}

    /** The size of a document in a reply: a map or an {@link EncodedDocument}. */
    public static int ofReplyDocument(Object document) {
        return value(document);
    }

    public static int of(Map<String, ?> document) {
        int size = 4 + 1; // length + terminating 0
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            size += 1 + cstring(entry.getKey()) + value(entry.getValue());
        }
        return size;
    }

    private static int array(Collection<?> values) {
        int size = 4 + 1;
        int index = 0;
        for (Object value : values) {
            size += 1 + cstring(Integer.toString(index++)) + value(value);
        }
        return size;
    }

    @SuppressWarnings("unchecked")
    private static int value(Object value) {
        if (value == null) {
            return 0;
        } else if (value instanceof Map<?, ?> map) {
            return of((Map<String, ?>) map);
        } else if (value instanceof EncodedDocument encoded) {
            return encoded.size();
        } else if (value instanceof Collection<?> list) {
            return array(list);
        } else if (value instanceof String s) {
            return 4 + utf8Length(s) + 1;
        } else if (value instanceof Integer || value instanceof Boolean) {
            return value instanceof Boolean ? 1 : 4;
        } else if (value instanceof de.bwaldvogel.mongo.bson.Decimal128) {
            return 16;
        } else if (value instanceof Number
                || value instanceof java.time.Instant
                || value instanceof de.bwaldvogel.mongo.bson.BsonTimestamp) {
            return 8;
        } else if (value instanceof de.bwaldvogel.mongo.bson.ObjectId) {
            return 12;
        } else if (value instanceof BinData binData) {
            return 4 + 1 + binData.getData().length;
        } else if (value instanceof java.util.UUID
                || value instanceof de.bwaldvogel.mongo.bson.LegacyUUID) {
            return 4 + 1 + 16;
        } else if (value instanceof BsonRegularExpression regex) {
            String options = regex.getOptions() == null ? "" : regex.getOptions();
            return cstring(regex.getPattern()) + cstring(options);
        } else if (value instanceof BsonJavaScript code) {
            return 4 + utf8Length(code.getCode()) + 1;
        }
        return rareValue(value);
    }

    /** The deprecated and less common types this server keeps (see io.dsync.mongoserver.bson). */
    private static int rareValue(Object value) {
        if (value instanceof TypedBinary binary) {
            return 4 + 1 + binary.length();
        } else if (value instanceof Symbol symbol) {
            return 4 + utf8Length(symbol.value()) + 1;
        } else if (value instanceof DbPointer pointer) {
            return 4 + utf8Length(pointer.namespace()) + 1 + 12;
        } else if (value instanceof CodeWithScope code) {
            return 4 + 4 + utf8Length(code.code()) + 1 + of(code.scope());
        }
        return 0; // MinKey, MaxKey, undefined, Missing
    }

    private static int cstring(String s) {
        return utf8Length(s) + 1;
    }

    public static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
