package io.dsync.verify.source;

import io.dsync.verify.job.ComparedRange;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * Reads each assigned range on a fetcher thread of its own, so that the ranges a reader holds are
 * compared concurrently: comparing a range mostly waits for the two servers' replies, and while one
 * range waits another can be digested. A fetcher ends when its range is done.
 */
final class FetcherPerRange extends SplitFetcherManager<ComparedRange, VerifySplit> {

    FetcherPerRange(
            Supplier<SplitReader<ComparedRange, VerifySplit>> readers, Configuration config) {
        super(readers, config);
    }

    @Override
    public void addSplits(List<VerifySplit> splits) {
        for (VerifySplit split : splits) {
            SplitFetcher<ComparedRange, VerifySplit> fetcher = createSplitFetcher();
            fetcher.addSplits(List.of(split));
            startFetcher(fetcher);
        }
    }

    @Override
    public void removeSplits(List<VerifySplit> splits) {
        // Ranges are never taken back from a verify reader.
    }
}
