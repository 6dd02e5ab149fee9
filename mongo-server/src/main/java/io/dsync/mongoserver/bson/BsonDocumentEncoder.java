package io.dsync.mongoserver.bson;

import static io.dsync.mongoserver.bson.BsonTypeCode.*;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Writes documents in mongo-java-server's representation, plus this server's own values ({@link
 * TypedBinary}, {@link Symbol}, {@link DbPointer}, {@link Undefined}, {@link CodeWithScope}), as
 * BSON: the inverse of {@link BsonDocumentDecoder}, byte for byte. An {@link EncodedDocument} value
 * is written as its bytes.
 */
public final class BsonDocumentEncoder {

    private BsonDocumentEncoder() {}

    /** Writes {@code document} at the buffer's writer index. */
    public static void encode(Map<String, ?> document, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            writeElement(entry.getKey(), entry.getValue(), out);
        }
        out.writeByte(0);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void writeArray(Collection<?> values, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        int index = 0;
        for (Object value : values) {
            writeElement(Integer.toString(index++), value, out);
        }
        out.writeByte(0);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void writeElement(String name, Object value, ByteBuf out) {
        int typeIndex = out.writerIndex();
        out.writeByte(0);
        writeCString(name, out);
        out.setByte(typeIndex, writeValue(value, out));
    }

    /** Writes the value and returns its BSON type byte. */
    @SuppressWarnings("unchecked")
    private static byte writeValue(Object value, ByteBuf out) {
        if (value == null) {
            return NULL;
        } else if (value instanceof Double d) {
            out.writeLongLE(Double.doubleToRawLongBits(d));
            return DOUBLE;
        } else if (value instanceof String s) {
            writeString(s, out);
            return STRING;
        } else if (value instanceof Map<?, ?> map) {
            encode((Map<String, ?>) map, out);
            return DOCUMENT;
        } else if (value instanceof EncodedDocument encoded) {
            encoded.writeTo(out);
            return DOCUMENT;
        } else if (value instanceof Collection<?> values) {
            writeArray(values, out);
            return ARRAY;
        } else if (value instanceof Integer i) {
            out.writeIntLE(i);
            return INT32;
        } else if (value instanceof Long l) {
            out.writeLongLE(l);
            return INT64;
        } else if (value instanceof Decimal128 d) {
            out.writeLongLE(d.getLow());
            out.writeLongLE(d.getHigh());
            return DECIMAL128;
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? 1 : 0);
            return BOOLEAN;
        } else if (value instanceof ObjectId id) {
            out.writeBytes(id.toByteArray());
            return OBJECT_ID;
        } else if (value instanceof Instant instant) {
            out.writeLongLE(instant.toEpochMilli());
            return DATE_TIME;
        } else if (value instanceof BsonTimestamp ts) {
            out.writeLongLE(ts.getValue());
            return TIMESTAMP;
        } else if (value instanceof BsonRegularExpression regex) {
            writeCString(regex.getPattern(), out);
            writeCString(regex.getOptions() == null ? "" : regex.getOptions(), out);
            return REGEX;
        } else if (value instanceof BsonJavaScript code) {
            writeString(code.getCode(), out);
            return JAVASCRIPT;
        } else if (value instanceof MinKey) {
            return MIN_KEY;
        } else if (value instanceof MaxKey) {
            return MAX_KEY;
        }
        return writeBinaryOrRareValue(value, out);
    }

    private static byte writeBinaryOrRareValue(Object value, ByteBuf out) {
        if (value instanceof BinData binData) {
            writeBinary(SUBTYPE_GENERIC, binData.getData(), out);
        } else if (value instanceof TypedBinary binary) {
            writeBinary(binary.subtype(), binary.data(), out);
        } else if (value instanceof UUID uuid) {
            out.writeIntLE(UUID_LENGTH);
            out.writeByte(SUBTYPE_UUID);
            out.writeLong(uuid.getMostSignificantBits());
            out.writeLong(uuid.getLeastSignificantBits());
        } else if (value instanceof LegacyUUID legacy) {
            out.writeIntLE(UUID_LENGTH);
            out.writeByte(SUBTYPE_UUID_LEGACY);
            out.writeLongLE(legacy.getUuid().getMostSignificantBits());
            out.writeLongLE(legacy.getUuid().getLeastSignificantBits());
        } else if (value instanceof Symbol symbol) {
            writeString(symbol.value(), out);
            return SYMBOL;
        } else if (value instanceof DbPointer pointer) {
            writeString(pointer.namespace(), out);
            out.writeBytes(pointer.id().toByteArray());
            return DB_POINTER;
        } else if (value instanceof Undefined) {
            return UNDEFINED;
        } else if (value instanceof CodeWithScope code) {
            int start = out.writerIndex();
            out.writeIntLE(0);
            writeString(code.code(), out);
            encode(code.scope(), out);
            out.setIntLE(start, out.writerIndex() - start);
            return JAVASCRIPT_WITH_SCOPE;
        } else {
            throw new IllegalArgumentException(
                    "cannot encode a value of " + value.getClass().getName() + " as BSON");
        }
        return BINARY;
    }

    private static void writeBinary(int subtype, byte[] data, ByteBuf out) {
        out.writeIntLE(data.length);
        out.writeByte(subtype);
        out.writeBytes(data);
    }

    private static void writeCString(String value, ByteBuf out) {
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    private static void writeString(String value, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        int length = out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeByte(0);
        out.setIntLE(start, length + 1);
    }
}
