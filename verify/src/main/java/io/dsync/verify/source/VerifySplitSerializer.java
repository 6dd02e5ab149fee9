package io.dsync.verify.source;

import io.dsync.connectors.source.snapshot.IdRange;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Versioned binary format of {@link VerifySplit}: the pair, then the range's own format. */
public final class VerifySplitSerializer implements SimpleVersionedSerializer<VerifySplit> {

    public static final VerifySplitSerializer INSTANCE = new VerifySplitSerializer();

    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(VerifySplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public VerifySplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("cannot read verify split of format version " + version);
        }
        return read(new DataInputDeserializer(serialized));
    }

    static void write(VerifySplit split, DataOutputView out) throws IOException {
        out.writeInt(split.pair());
        split.range().writeTo(out);
    }

    static VerifySplit read(DataInputView in) throws IOException {
        int pair = in.readInt();
        return new VerifySplit(pair, IdRange.readFrom(in));
    }
}
