package io.dsync.mongoserver.bson;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bson.RawBsonDocument;

/** Raw BSON helpers for the byte-for-byte tests. */
final class RawDocuments {

    private RawDocuments() {}

    static byte[] bytes(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** {@code document}'s bytes with {@code _id: <int32 id>} prepended as its first element. */
    static RawBsonDocument withIntId(int id, byte[] document) {
        int extra = 1 + 4 + 4; // type, "_id\0", int32
        ByteBuffer out =
                ByteBuffer.allocate(document.length + extra).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(document.length + extra);
        out.put((byte) 0x10).put(new byte[] {'_', 'i', 'd', 0}).putInt(id);
        out.put(document, 4, document.length - 4);
        return new RawBsonDocument(out.array());
    }
}
