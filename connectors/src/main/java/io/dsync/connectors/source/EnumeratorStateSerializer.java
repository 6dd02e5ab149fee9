package io.dsync.connectors.source;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serializes the {@link EnumeratorState} into checkpoints and savepoints. */
public final class EnumeratorStateSerializer implements SimpleVersionedSerializer<EnumeratorState> {

    /** Version 2: snapshot splits carry their collection's UUID; version 1 is still read. */
    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(EnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeBoolean(state.unassignedStream != null);
        if (state.unassignedStream != null) {
            MigrationSplitSerializer.write(state.unassignedStream, out);
        }
        out.writeBoolean(state.discovered);
        out.writeInt(state.pendingSplits.size());
        for (SnapshotSplit split : state.pendingSplits) {
            MigrationSplitSerializer.write(split, out);
        }
        out.writeInt(state.namespaces.size());
        for (Map.Entry<String, NamespaceProgress> e : state.namespaces.entrySet()) {
            NamespaceProgress p = e.getValue();
            out.writeUTF(e.getKey());
            out.writeBoolean(p.prepared);
            out.writeBoolean(p.splitDone);
            out.writeBoolean(p.indexesCopied);
            out.writeLong(p.rangesFinished);
            out.writeInt(p.openRanges.size());
            for (String range : p.openRanges) {
                out.writeUTF(range);
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION && version != 1) {
            throw new IOException("unknown enumerator state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        EnumeratorState state = new EnumeratorState();
        if (in.readBoolean()) {
            state.unassignedStream = (ChangeStreamSplit) MigrationSplitSerializer.read(in, version);
        }
        state.discovered = in.readBoolean();
        int pending = in.readInt();
        for (int i = 0; i < pending; i++) {
            state.pendingSplits.add((SnapshotSplit) MigrationSplitSerializer.read(in, version));
        }
        int namespaces = in.readInt();
        for (int i = 0; i < namespaces; i++) {
            String namespace = in.readUTF();
            NamespaceProgress p = new NamespaceProgress();
            p.prepared = in.readBoolean();
            p.splitDone = in.readBoolean();
            p.indexesCopied = in.readBoolean();
            p.rangesFinished = in.readLong();
            int open = in.readInt();
            for (int j = 0; j < open; j++) {
                p.openRanges.add(in.readUTF());
            }
            state.namespaces.put(namespace, p);
        }
        return state;
    }
}
