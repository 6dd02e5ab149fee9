package io.dsync.verify.job;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link DocumentKey}. Deterministic (equal keys give equal bytes), as the
 * sort-based batch shuffle compares keys in their serialized form.
 */
public final class DocumentKeySerializer extends TypeSerializerSingleton<DocumentKey> {

    private static final long serialVersionUID = 1L;

    public static final DocumentKeySerializer INSTANCE = new DocumentKeySerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public DocumentKey createInstance() {
        return new DocumentKey(0, new byte[0]);
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
        return -1;
    }

    @Override
    public void serialize(DocumentKey key, DataOutputView out) throws IOException {
        out.writeInt(key.pair());
        out.writeInt(key.id().length);
        out.write(key.id());
    }

    @Override
    public DocumentKey deserialize(DataInputView in) throws IOException {
        int pair = in.readInt();
        byte[] id = new byte[in.readInt()];
        in.readFully(id);
        return new DocumentKey(pair, id);
    }

    @Override
    public DocumentKey deserialize(DocumentKey reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.writeInt(in.readInt());
        int length = in.readInt();
        out.writeInt(length);
        out.write(in, length);
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
