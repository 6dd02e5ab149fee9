package io.dsync.verify.source;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.source.snapshot.IdRange;
import io.dsync.connectors.source.snapshot.IdRangeSplitter;
import io.dsync.connectors.source.snapshot.PaginationSplitter;
import io.dsync.verify.job.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Cuts the source collection of every namespace pair into {@code _id} ranges with the initial
 * sync's {@link PaginationSplitter}, lazily, one range per split request, so that reading starts
 * while a large collection is still being cut. The destination is read with the same bounds: the
 * first range starts at {@code MinKey} and the last ends at {@code MaxKey}, so every destination
 * document falls in exactly one range. Holds one source client.
 */
final class VerifySplitEnumerator implements SplitEnumerator<VerifySplit, VerifyEnumeratorState> {

    private final SplitEnumeratorContext<VerifySplit> context;
    private final ReadSpec spec;
    private final IdRangeSplitter splitter;
    private final Deque<VerifySplit> pending;
    private final Deque<SplitTask> tasks;
    private MongoClient client;
    private Iterator<IdRange> ranges; // cutting tasks.peekFirst(), or null when not yet opened

    VerifySplitEnumerator(
            SplitEnumeratorContext<VerifySplit> context,
            ReadSpec spec,
            VerifyEnumeratorState state) {
        this.context = context;
        this.spec = spec;
        this.splitter = new PaginationSplitter(spec.splitOptions());
        this.pending = new ArrayDeque<>(state.pendingSplits());
        this.tasks = new ArrayDeque<>(state.tasks());
    }

    static VerifyEnumeratorState initialState(ReadSpec spec) {
        List<SplitTask> tasks = new ArrayList<>();
        for (int pair = 0; pair < spec.pairs().size(); pair++) {
            tasks.add(SplitTask.whole(pair));
        }
        return new VerifyEnumeratorState(List.of(), tasks);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        VerifySplit split = nextSplit();
        if (split == null) {
            context.signalNoMoreSplits(subtaskId);
        } else {
            context.assignSplit(split, subtaskId);
        }
    }

    private VerifySplit nextSplit() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        while (!tasks.isEmpty()) {
            SplitTask task = tasks.pollFirst();
            if (ranges == null) {
                ranges =
                        splitter.split(
                                client(),
                                spec.namespace(Side.SOURCE, task.pair()),
                                task.from(),
                                task.nextIndex());
            }
            if (ranges.hasNext()) {
                IdRange range = ranges.next();
                if (range.upper().isMax()) {
                    ranges = null; // this pair is fully cut
                } else {
                    tasks.addFirst(new SplitTask(task.pair(), range.upper(), task.nextIndex() + 1));
                }
                return new VerifySplit(task.pair(), range);
            }
            ranges = null;
        }
        return null;
    }

    private MongoClient client() {
        if (client == null) {
            client = ForcedConsistency.client(spec.uri(Side.SOURCE));
        }
        return client;
    }

    @Override
    public void addSplitsBack(List<VerifySplit> splits, int subtaskId) {
        splits.forEach(pending::addFirst);
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for splits themselves.
    }

    @Override
    public VerifyEnumeratorState snapshotState(long checkpointId) {
        return new VerifyEnumeratorState(new ArrayList<>(pending), new ArrayList<>(tasks));
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
