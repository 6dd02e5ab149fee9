package io.dsync.mongoserver.query;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import io.dsync.mongoserver.bson.TypedBinary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * A BSON binary value as stored on the wire (subtype and bytes), whatever class mongo-java-server
 * decoded it to: {@link BinData} (subtype 0), {@link LegacyUUID} (subtype 3, little-endian halves)
 * or {@link UUID} (subtype 4, big-endian), or this server's {@link TypedBinary} (any other
 * subtype).
 */
record BinaryValue(int subtype, byte[] data) {

    static boolean isBinary(Object value) {
        return value instanceof BinData
                || value instanceof TypedBinary
                || value instanceof UUID
                || value instanceof LegacyUUID;
    }

    static BinaryValue of(Object value) {
        if (value instanceof TypedBinary typed) {
            return new BinaryValue(typed.subtype(), typed.data());
        } else if (value instanceof BinData binData) {
            return new BinaryValue(0, binData.getData());
        } else if (value instanceof UUID uuid) {
            return new BinaryValue(4, bytes(uuid, ByteOrder.BIG_ENDIAN));
        } else if (value instanceof LegacyUUID legacy) {
            return new BinaryValue(3, bytes(legacy.getUuid(), ByteOrder.LITTLE_ENDIAN));
        }
        throw new IllegalArgumentException("not a binary value: " + value.getClass());
    }

    private static byte[] bytes(UUID uuid, ByteOrder order) {
        return ByteBuffer.allocate(16)
                .order(order)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
