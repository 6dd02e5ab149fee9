package io.dsync.verify.job;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of {@link DigestRecord}: fixed fields, then the {@code _id} key bytes. */
public final class DigestRecordSerializer extends TypeSerializerSingleton<DigestRecord> {

    private static final long serialVersionUID = 1L;

    public static final DigestRecordSerializer INSTANCE = new DigestRecordSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public DigestRecord createInstance() {
        return new DigestRecord();
    }

    @Override
    public DigestRecord copy(DigestRecord from) {
        DigestRecord r = new DigestRecord();
        r.pair = from.pair;
        r.presence = from.presence;
        r.id = from.id; // never modified in place
        r.sourceHigh = from.sourceHigh;
        r.sourceLow = from.sourceLow;
        r.destinationHigh = from.destinationHigh;
        r.destinationLow = from.destinationLow;
        return r;
    }

    @Override
    public DigestRecord copy(DigestRecord from, DigestRecord reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(DigestRecord r, DataOutputView out) throws IOException {
        out.writeInt(r.pair);
        out.writeByte(r.presence);
        out.writeLong(r.sourceHigh);
        out.writeLong(r.sourceLow);
        out.writeLong(r.destinationHigh);
        out.writeLong(r.destinationLow);
        out.writeInt(r.id.length);
        out.write(r.id);
    }

    @Override
    public DigestRecord deserialize(DataInputView in) throws IOException {
        DigestRecord r = new DigestRecord();
        r.pair = in.readInt();
        r.presence = in.readByte();
        r.sourceHigh = in.readLong();
        r.sourceLow = in.readLong();
        r.destinationHigh = in.readLong();
        r.destinationLow = in.readLong();
        r.id = new byte[in.readInt()];
        in.readFully(r.id);
        return r;
    }

    @Override
    public DigestRecord deserialize(DigestRecord reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, 4 + 1 + 32);
        int length = in.readInt();
        out.writeInt(length);
        out.write(in, length);
    }

    @Override
    public TypeSerializerSnapshot<DigestRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DigestRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
