package io.dsync.mongoserver.bson;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * A document already encoded as BSON, as a value in a reply: {@link BsonDocumentEncoder} writes its
 * bytes as they are. A cursor encodes each stored document it returns once, under the collection's
 * lock, which makes a stable snapshot of it, gives its exact size for the batch limits and leaves
 * nothing to encode when the reply is written.
 */
public final class EncodedDocument {

    private final byte[] bytes;

    private EncodedDocument(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Encodes {@code document}.
     *
     * @param scratch a buffer to encode into, cleared first (its content is copied out)
     */
    public static EncodedDocument of(Map<String, ?> document, ByteBuf scratch) {
        scratch.clear();
        BsonDocumentEncoder.encode(document, scratch);
        byte[] bytes = new byte[scratch.readableBytes()];
        scratch.readBytes(bytes);
        return new EncodedDocument(bytes);
    }

    /** The encoded size in bytes. */
    public int size() {
        return bytes.length;
    }

    void writeTo(ByteBuf out) {
        out.writeBytes(bytes);
    }

    @Override
    public String toString() {
        return "EncodedDocument{" + bytes.length + " bytes}";
    }
}
