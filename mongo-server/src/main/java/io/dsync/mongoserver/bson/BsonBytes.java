package io.dsync.mongoserver.bson;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;

/**
 * Byte-level equality of documents: MongoDB decides whether a write changed a document by comparing
 * the BSON bytes (field order, numeric types and exact double bits included), not by value.
 */
public final class BsonBytes {

    private BsonBytes() {}

    /** Whether both documents encode to the same BSON bytes. */
    public static boolean same(Map<String, ?> left, Map<String, ?> right) {
        ByteBuf l = Unpooled.buffer();
        ByteBuf r = Unpooled.buffer();
        try {
            BsonDocumentEncoder.encode(left, l);
            BsonDocumentEncoder.encode(right, r);
            return l.equals(r);
        } finally {
            l.release();
            r.release();
        }
    }
}
