package io.dsync.verify.source;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.snapshot.IdBound;
import io.dsync.connectors.source.snapshot.IdRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Versioned binary format of {@link VerifyEnumeratorState}. A task's start bound is stored as the
 * range {@code [from, MAX)} in {@link IdRange}'s own format.
 */
final class VerifyEnumeratorStateSerializer
        implements SimpleVersionedSerializer<VerifyEnumeratorState> {

    private static final int VERSION = 2;
    private static final Namespace PLACEHOLDER = new Namespace("task", "bound");

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(VerifyEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.pendingSplits().size());
        for (VerifySplit split : state.pendingSplits()) {
            VerifySplitSerializer.write(split, out);
        }
        out.writeInt(state.tasks().size());
        for (SplitTask task : state.tasks()) {
            out.writeInt(task.pair());
            out.writeLong(task.nextIndex());
            new IdRange(PLACEHOLDER, task.from(), IdBound.MAX, "from").writeTo(out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public VerifyEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("cannot read verify enumerator state of version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        List<VerifySplit> splits = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            splits.add(VerifySplitSerializer.read(in));
        }
        List<SplitTask> tasks = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            int pair = in.readInt();
            long nextIndex = in.readLong();
            IdBound from = IdRange.readFrom(in).lower();
            tasks.add(new SplitTask(pair, from, nextIndex));
        }
        return new VerifyEnumeratorState(splits, tasks);
    }
}
