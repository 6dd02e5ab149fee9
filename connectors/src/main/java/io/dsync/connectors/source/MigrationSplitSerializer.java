package io.dsync.connectors.source;

import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.snapshot.IdRange;
import java.io.IOException;
import java.util.UUID;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes {@link MigrationSplit}s for checkpoints and for assignment to readers. */
public final class MigrationSplitSerializer implements SimpleVersionedSerializer<MigrationSplit> {

    public static final MigrationSplitSerializer INSTANCE = new MigrationSplitSerializer();

    /** Version 2 added the collection's UUID to snapshot splits; version 1 is still read. */
    private static final int VERSION = 2;

    private static final byte SNAPSHOT = 1;
    private static final byte CHANGE_STREAM = 2;
    private static final byte FINISHED_SNAPSHOT = 3;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MigrationSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public MigrationSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION && version != 1) {
            throw new IOException("unknown migration split version " + version);
        }
        return read(new DataInputDeserializer(serialized), version);
    }

    static void write(MigrationSplit split, DataOutputView out) throws IOException {
        if (split instanceof SnapshotSplit s) {
            out.writeByte(SNAPSHOT);
            s.range().writeTo(out);
            byte[] lastKey = s.lastKey();
            out.writeInt(lastKey == null ? -1 : lastKey.length);
            if (lastKey != null) {
                out.write(lastKey);
            }
            UUID uuid = s.collectionUuid();
            out.writeBoolean(uuid != null);
            if (uuid != null) {
                out.writeLong(uuid.getMostSignificantBits());
                out.writeLong(uuid.getLeastSignificantBits());
            }
        } else if (split instanceof ChangeStreamSplit c) {
            out.writeByte(CHANGE_STREAM);
            c.position().writeTo(out);
        } else if (split instanceof FinishedSnapshotSplit f) {
            out.writeByte(FINISHED_SNAPSHOT);
            out.writeUTF(f.splitId());
            out.writeUTF(f.namespace());
        } else {
            throw new IOException("unknown split type " + split.getClass());
        }
    }

    static MigrationSplit read(DataInputView in) throws IOException {
        return read(in, VERSION);
    }

    /** Reads a split written by {@link #write} in {@code version} (1: without the UUID). */
    static MigrationSplit read(DataInputView in, int version) throws IOException {
        byte type = in.readByte();
        switch (type) {
            case SNAPSHOT:
                IdRange range = IdRange.readFrom(in);
                int length = in.readInt();
                byte[] lastKey = null;
                if (length >= 0) {
                    lastKey = new byte[length];
                    in.readFully(lastKey);
                }
                UUID uuid = null;
                if (version >= 2 && in.readBoolean()) {
                    uuid = new UUID(in.readLong(), in.readLong());
                }
                return new SnapshotSplit(range, lastKey, uuid);
            case CHANGE_STREAM:
                return new ChangeStreamSplit(ChangeStreamPosition.readFrom(in));
            case FINISHED_SNAPSHOT:
                return new FinishedSnapshotSplit(in.readUTF(), in.readUTF());
            default:
                throw new IOException("unknown split type byte " + type);
        }
    }
}
