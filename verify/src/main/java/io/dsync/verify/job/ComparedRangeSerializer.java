package io.dsync.verify.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link ComparedRange}: the pair, the two read counts, one count per outcome,
 * then the differences in {@link DigestRecordSerializer}'s format.
 */
public final class ComparedRangeSerializer extends TypeSerializerSingleton<ComparedRange> {

    private static final long serialVersionUID = 1L;

    public static final ComparedRangeSerializer INSTANCE = new ComparedRangeSerializer();

    private static final DigestRecordSerializer RECORDS = DigestRecordSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return true; // a record of copies; DigestRecords in it are never changed once made
    }

    @Override
    public ComparedRange createInstance() {
        return new ComparedRange(0, 0, 0, new long[Outcome.count()], List.of());
    }

    @Override
    public ComparedRange copy(ComparedRange from) {
        return from;
    }

    @Override
    public ComparedRange copy(ComparedRange from, ComparedRange reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ComparedRange range, DataOutputView out) throws IOException {
        out.writeInt(range.pair());
        out.writeLong(range.sourceDocuments());
        out.writeLong(range.destinationDocuments());
        for (Outcome outcome : Outcome.values()) {
            out.writeLong(range.outcome(outcome));
        }
        out.writeInt(range.differences().size());
        for (DigestRecord record : range.differences()) {
            RECORDS.serialize(record, out);
        }
    }

    @Override
    public ComparedRange deserialize(DataInputView in) throws IOException {
        int pair = in.readInt();
        long sourceDocuments = in.readLong();
        long destinationDocuments = in.readLong();
        long[] outcomes = new long[Outcome.count()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = in.readLong();
        }
        int count = in.readInt();
        List<DigestRecord> differences = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            differences.add(RECORDS.deserialize(in));
        }
        return new ComparedRange(
                pair, sourceDocuments, destinationDocuments, outcomes, differences);
    }

    @Override
    public ComparedRange deserialize(ComparedRange reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.write(in, 4 + 8 + 8 + 8 * Outcome.count());
        int count = in.readInt();
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            RECORDS.copy(in, out);
        }
    }

    @Override
    public TypeSerializerSnapshot<ComparedRange> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot; one format version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ComparedRange> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
