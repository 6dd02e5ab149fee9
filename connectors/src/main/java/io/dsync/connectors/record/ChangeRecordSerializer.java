package io.dsync.connectors.record;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link ChangeRecord}: the kind, the namespace, the cluster time and the raw
 * BSON bytes as they are. No Kryo, no reflection, so records cross a network shuffle on JDK 17
 * without extra JVM flags and state stays readable across versions.
 */
public final class ChangeRecordSerializer extends TypeSerializerSingleton<ChangeRecord> {

    private static final long serialVersionUID = 1L;

    public static final ChangeRecordSerializer INSTANCE = new ChangeRecordSerializer();

    private static final ChangeRecord.Kind[] KINDS = ChangeRecord.Kind.values();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public ChangeRecord createInstance() {
        return null;
    }

    @Override
    public ChangeRecord copy(ChangeRecord from) {
        return from;
    }

    @Override
    public ChangeRecord copy(ChangeRecord from, ChangeRecord reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ChangeRecord record, DataOutputView target) throws IOException {
        target.writeByte(record.kind().ordinal());
        target.writeUTF(record.namespace());
        target.writeLong(record.clusterTime());
        writeBytes(record.key(), target);
        writeBytes(record.document(), target);
    }

    @Override
    public ChangeRecord deserialize(DataInputView source) throws IOException {
        ChangeRecord.Kind kind = KINDS[source.readByte()];
        String namespace = source.readUTF();
        long clusterTime = source.readLong();
        byte[] key = readBytes(source);
        byte[] document = readBytes(source);
        return new ChangeRecord(kind, namespace, key, document, clusterTime);
    }

    @Override
    public ChangeRecord deserialize(ChangeRecord reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<ChangeRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeBytes(byte[] bytes, DataOutputView target) throws IOException {
        if (bytes == null) {
            target.writeInt(-1);
        } else {
            target.writeInt(bytes.length);
            target.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return bytes;
    }

    /** Serializer snapshot; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChangeRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
