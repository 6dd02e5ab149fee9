package io.dsync.connectors.source.snapshot;

import java.nio.ByteBuffer;
import org.bson.RawBsonDocument;

/**
 * Builds the record key, the raw BSON of {@code {_id: <value>}}, from the raw bytes of a document,
 * copying the {@code _id} value's bytes unchanged (so two keys are equal exactly when their bytes
 * are equal, whatever the {@code _id} type).
 */
public final class IdKey {

    private IdKey() {}

    /**
     * @param document raw BSON of a document that has an {@code _id} field
     * @return raw BSON of {@code {_id: value}}
     * @throws IllegalArgumentException when the document has no {@code _id}
     */
    public static byte[] of(byte[] document) {
        RawBsonField id = RawBsonField.find(document, "_id");
        if (id == null) {
            throw new IllegalArgumentException("document has no _id field");
        }
        return id.asSingleFieldDocument();
    }

    /**
     * The exact bytes of a raw document, to be read and never written: the array behind the
     * document when that array holds exactly it (as the driver decodes every document it returns
     * into one), otherwise a copy. A {@link RawBsonDocument} never changes its bytes, so sharing
     * them is safe.
     */
    public static byte[] bytesOf(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        if (buffer.hasArray()
                && buffer.arrayOffset() + buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
