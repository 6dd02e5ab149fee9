package io.dsync.verify.job;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link DocumentKey}: a fixed 20 bytes (pair, then the 128-bit hash).
 * Deterministic (equal keys give equal bytes), as the sort-based batch shuffle compares keys in
 * their serialized form, and fixed-length so that it can sort them as normalized keys.
 */
public final class DocumentKeySerializer extends TypeSerializerSingleton<DocumentKey> {

    private static final long serialVersionUID = 1L;

    public static final DocumentKeySerializer INSTANCE = new DocumentKeySerializer();

    /** Serialized length: the pair and the two halves of the hash. */
    static final int LENGTH = 4 + 8 + 8;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public DocumentKey createInstance() {
        return new DocumentKey(0, 0, 0);
    }

    @Override
    public DocumentKey copy(DocumentKey from) {
        return from;
    }

    @Override
    public DocumentKey copy(DocumentKey from, DocumentKey reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return LENGTH;
    }

    @Override
    public void serialize(DocumentKey key, DataOutputView out) throws IOException {
        out.writeInt(key.pair());
        out.writeLong(key.high());
        out.writeLong(key.low());
    }

    @Override
    public DocumentKey deserialize(DataInputView in) throws IOException {
        return new DocumentKey(in.readInt(), in.readLong(), in.readLong());
    }

    @Override
    public DocumentKey deserialize(DocumentKey reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, LENGTH);
    }

    @Override
    public TypeSerializerSnapshot<DocumentKey> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DocumentKey> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
