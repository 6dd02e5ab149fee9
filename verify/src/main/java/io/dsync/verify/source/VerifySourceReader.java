package io.dsync.verify.source;

import io.dsync.verify.job.ComparedRange;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;

/**
 * Holds up to {@value #RANGES_AT_ONCE} ranges at a time, each compared by its own {@link
 * VerifySplitReader} on its own fetcher thread ({@link FetcherPerRange}), and emits the reports
 * they produce. Asks for a new range whenever one is done. The readers share one client per side.
 */
final class VerifySourceReader
        extends SourceReaderBase<ComparedRange, ComparedRange, VerifySplit, VerifySplit> {

    /**
     * Ranges compared at once by one reader. A range's comparison waits for the servers about half
     * of the time; a second one in flight keeps the reader's core busy meanwhile (on 2 cores, with
     * both servers beside it, 2 readers of 2 ranges each verify ~15% faster than 2 of 1).
     */
    static final int RANGES_AT_ONCE = 2;

    private final SideClients clients;

    VerifySourceReader(ReadSpec spec, Configuration config, SourceReaderContext context) {
        this(spec, new SideClients(spec), config, context);
    }

    private VerifySourceReader(
            ReadSpec spec, SideClients clients, Configuration config, SourceReaderContext context) {
        super(
                new FetcherPerRange(() -> new VerifySplitReader(spec, clients), config),
                (record, output, split) -> output.collect(record),
                config,
                context);
        this.clients = clients;
    }

    @Override
    public void start() {
        for (int i = 0; i < RANGES_AT_ONCE; i++) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, VerifySplit> finishedSplitIds) {
        for (int i = 0; i < finishedSplitIds.size(); i++) {
            context.sendSplitRequest();
        }
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

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            clients.close();
        }
    }
}
