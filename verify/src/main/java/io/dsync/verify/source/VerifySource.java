package io.dsync.verify.source;

import io.dsync.verify.job.ComparedRange;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Bounded source of the verify job: every namespace pair cut into {@code _id} ranges (a split is
 * one range, read on both sides), each range emitted as the {@link ComparedRange} its join found.
 */
public final class VerifySource
        implements Source<ComparedRange, VerifySplit, VerifyEnumeratorState> {

    private static final long serialVersionUID = 1L;

    private final ReadSpec spec;

    public VerifySource(ReadSpec spec) {
        this.spec = spec;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<VerifySplit, VerifyEnumeratorState> createEnumerator(
            SplitEnumeratorContext<VerifySplit> context) {
        return new VerifySplitEnumerator(context, spec, VerifySplitEnumerator.initialState(spec));
    }

    @Override
    public SplitEnumerator<VerifySplit, VerifyEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<VerifySplit> context, VerifyEnumeratorState state) {
        return new VerifySplitEnumerator(context, spec, state);
    }

    @Override
    public SimpleVersionedSerializer<VerifySplit> getSplitSerializer() {
        return VerifySplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<VerifyEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new VerifyEnumeratorStateSerializer();
    }

    @Override
    public SourceReader<ComparedRange, VerifySplit> createReader(SourceReaderContext context) {
        return new VerifySourceReader(spec, context.getConfiguration(), context);
    }
}
