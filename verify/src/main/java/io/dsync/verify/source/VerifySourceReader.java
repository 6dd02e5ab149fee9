package io.dsync.verify.source;

import io.dsync.verify.job.ComparedRange;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/** Asks for one split at a time and emits the ranges its {@link VerifySplitReader} compared. */
final class VerifySourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                ComparedRange, ComparedRange, VerifySplit, VerifySplit> {

    VerifySourceReader(ReadSpec spec, Configuration config, SourceReaderContext context) {
        super(
                () -> new VerifySplitReader(spec),
                (record, output, split) -> output.collect(record),
                config,
                context);
    }

    @Override
    public void start() {
        context.sendSplitRequest();
    }

    @Override
    protected void onSplitFinished(Map<String, VerifySplit> finishedSplitIds) {
        context.sendSplitRequest();
    }

    @Override
    protected VerifySplit initializedState(VerifySplit split) {
        return split;
    }

    @Override
    protected VerifySplit toSplitType(String splitId, VerifySplit split) {
        // A split is re-read from its start after a failure (a batch job re-runs the region).
        return split;
    }
}
