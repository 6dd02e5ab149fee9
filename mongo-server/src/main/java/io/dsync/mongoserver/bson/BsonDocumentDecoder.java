package io.dsync.mongoserver.bson;

import static io.dsync.mongoserver.bson.BsonTypeCode.*;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;

/**
 * Reads BSON documents off the wire into mongo-java-server's representation, keeping every BSON
 * type and value exactly, so that {@link BsonDocumentEncoder} writes the same bytes back: binary of
 * every subtype ({@link TypedBinary} unless generic or a 16-byte UUID), {@link Symbol}, {@link
 * DbPointer}, {@link Undefined} (not null) and {@link CodeWithScope}, which mongo-java-server's own
 * decoder rejects or changes. See the BSON specification (bsonspec.org).
 */
public final class BsonDocumentDecoder {

    private static final int MAX_DOCUMENT_SIZE = 16 * 1024 * 1024 + 16 * 1024;

    private BsonDocumentDecoder() {}

    /** Reads one document at the buffer's reader index and moves past it. */
    public static Document decode(ByteBuf buffer) {
        int start = buffer.readerIndex();
        int length = buffer.readIntLE();
        if (length < 5 || length > MAX_DOCUMENT_SIZE || length - 4 > buffer.readableBytes()) {
            throw new IllegalArgumentException(
                    "invalid BSON document length " + length + " at offset " + start);
        }
        int end = start + length;
        Document document = new Document();
        while (true) {
            byte type = buffer.readByte();
            if (type == 0) {
                break;
            }
            String name = readCString(buffer);
            Object value = readValue(type, buffer);
            if (document.containsKey(name)) {
                throw new IllegalArgumentException(
                        "BSON document has the field '" + name + "' twice");
            }
            document.put(name, value);
            if (buffer.readerIndex() >= end) {
                throw new IllegalArgumentException("BSON document not terminated");
            }
        }
        if (buffer.readerIndex() != end) {
            throw new IllegalArgumentException(
                    "BSON document length " + length + " does not match its content");
        }
        return document;
    }

    /** Reads a NUL-terminated UTF-8 string. */
    public static String readCString(ByteBuf buffer) {
        int length = buffer.bytesBefore((byte) 0);
        if (length < 0) {
            throw new IllegalArgumentException("BSON string terminator not found");
        }
        String value = buffer.toString(buffer.readerIndex(), length, StandardCharsets.UTF_8);
        buffer.skipBytes(length + 1);
        return value;
    }

    private static Object readValue(byte type, ByteBuf buffer) {
        switch (type) {
            case DOUBLE:
                return Double.longBitsToDouble(buffer.readLongLE());
            case STRING:
                return readString(buffer);
            case DOCUMENT:
                return decode(buffer);
            case ARRAY:
                return new ArrayList<>(decode(buffer).values());
            case BINARY:
                return readBinary(buffer);
            case UNDEFINED:
                return Undefined.INSTANCE;
            case OBJECT_ID:
                return readObjectId(buffer);
            case BOOLEAN:
                return readBoolean(buffer);
            case DATE_TIME:
                return Instant.ofEpochMilli(buffer.readLongLE());
            case NULL:
                return null;
            case REGEX:
                return new BsonRegularExpression(readCString(buffer), readCString(buffer));
            case DB_POINTER:
                return new DbPointer(readString(buffer), readObjectId(buffer));
            case JAVASCRIPT:
                return new BsonJavaScript(readString(buffer));
            case SYMBOL:
                return new Symbol(readString(buffer));
            case JAVASCRIPT_WITH_SCOPE:
                return readCodeWithScope(buffer);
            case INT32:
                return buffer.readIntLE();
            case TIMESTAMP:
                return new BsonTimestamp(buffer.readLongLE());
            case INT64:
                return buffer.readLongLE();
            case DECIMAL128:
                long low = buffer.readLongLE();
                long high = buffer.readLongLE();
                return new Decimal128(low, high);
            case MIN_KEY:
                return MinKey.getInstance();
            case MAX_KEY:
                return MaxKey.getInstance();
            default:
                throw new IllegalArgumentException(
                        "unknown BSON type 0x" + Integer.toHexString(type & 0xFF));
        }
    }

    private static String readString(ByteBuf buffer) {
        int length = buffer.readIntLE();
        if (length < 1 || length > buffer.readableBytes()) {
            throw new IllegalArgumentException("invalid BSON string length " + length);
        }
        String value = buffer.toString(buffer.readerIndex(), length - 1, StandardCharsets.UTF_8);
        buffer.skipBytes(length - 1);
        if (buffer.readByte() != 0) {
            throw new IllegalArgumentException("BSON string not terminated by 0x00");
        }
        return value;
    }

    private static ObjectId readObjectId(ByteBuf buffer) {
        byte[] bytes = new byte[OBJECT_ID_LENGTH];
        buffer.readBytes(bytes);
        return new ObjectId(bytes);
    }

    private static Boolean readBoolean(ByteBuf buffer) {
        byte value = buffer.readByte();
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException(
                    "invalid BSON boolean 0x" + Integer.toHexString(value));
        }
        return value == 1;
    }

    private static Object readBinary(ByteBuf buffer) {
        int length = buffer.readIntLE();
        if (length < 0 || length + 1 > buffer.readableBytes()) {
            throw new IllegalArgumentException("invalid BSON binary length " + length);
        }
        int subtype = buffer.readUnsignedByte();
        if (length == UUID_LENGTH && subtype == SUBTYPE_UUID) {
            return new UUID(buffer.readLong(), buffer.readLong());
        } else if (length == UUID_LENGTH && subtype == SUBTYPE_UUID_LEGACY) {
            return new LegacyUUID(buffer.readLongLE(), buffer.readLongLE());
        }
        byte[] data = new byte[length];
        buffer.readBytes(data);
        return subtype == SUBTYPE_GENERIC ? new BinData(data) : new TypedBinary(subtype, data);
    }

    private static CodeWithScope readCodeWithScope(ByteBuf buffer) {
        int start = buffer.readerIndex();
        int length = buffer.readIntLE();
        String code = readString(buffer);
        Document scope = decode(buffer);
        if (buffer.readerIndex() - start != length) {
            throw new IllegalArgumentException(
                    "BSON code with scope length " + length + " does not match its content");
        }
        return new CodeWithScope(code, scope);
    }
}
