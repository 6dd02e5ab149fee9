package io.dsync.connectors.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * Gives the change stream split a fetcher thread of its own and all snapshot splits another, so
 * that a long range copy never holds the change stream back (and vice versa).
 */
final class RoutingFetcherManager extends SplitFetcherManager<FetchedElement, MigrationSplit> {

    private SplitFetcher<FetchedElement, MigrationSplit> snapshotFetcher;
    private SplitFetcher<FetchedElement, MigrationSplit> streamFetcher;

    RoutingFetcherManager(
            Supplier<SplitReader<FetchedElement, MigrationSplit>> readers,
            Configuration configuration) {
        super(readers, configuration);
    }

    @Override
    public synchronized void addSplits(List<MigrationSplit> splits) {
        List<MigrationSplit> snapshot = new ArrayList<>();
        List<MigrationSplit> stream = new ArrayList<>();
        for (MigrationSplit split : splits) {
            (split instanceof ChangeStreamSplit ? stream : snapshot).add(split);
        }
        if (!stream.isEmpty()) {
            streamFetcher = addTo(streamFetcher, stream);
        }
        if (!snapshot.isEmpty()) {
            snapshotFetcher = addTo(snapshotFetcher, snapshot);
        }
    }

    private SplitFetcher<FetchedElement, MigrationSplit> addTo(
            SplitFetcher<FetchedElement, MigrationSplit> fetcher, List<MigrationSplit> splits) {
        if (fetcher == null || !fetchers.containsKey(fetcher.fetcherId())) {
            fetcher = createSplitFetcher();
            fetcher.addSplits(splits);
            startFetcher(fetcher);
        } else {
            fetcher.addSplits(splits);
        }
        return fetcher;
    }

    @Override
    public synchronized void removeSplits(List<MigrationSplit> splits) {
        throw new UnsupportedOperationException("the migration source never removes splits");
    }
}
