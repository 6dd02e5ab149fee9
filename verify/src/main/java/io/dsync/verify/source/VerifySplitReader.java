package io.dsync.verify.source;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.IdRange;
import io.dsync.connectors.source.snapshot.SnapshotRangeReader;
import io.dsync.verify.bson.Digest128;
import io.dsync.verify.bson.DocumentDigester;
import io.dsync.verify.job.ComparedRange;
import io.dsync.verify.job.RangeJoin;
import io.dsync.verify.job.Side;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Compares the assigned ranges one after the other: reads the source's documents of a range, then
 * the destination's with the same bounds (the initial sync's {@link SnapshotRangeReader}, one
 * driver batch per fetch), joining them in a {@link RangeJoin}; emits a {@link ComparedRange}
 * report after every batch and the range's last one when both sides are read. Holds one client per
 * side for all its ranges (never one per cursor).
 */
final class VerifySplitReader implements SplitReader<ComparedRange, VerifySplit> {

    private final ReadSpec spec;
    private final DocumentDigester digester;
    private final Deque<VerifySplit> splits = new ArrayDeque<>();
    private final Map<Side, MongoClient> clients = new EnumMap<>(Side.class);
    private VerifySplit split;
    private Side side;
    private RangeJoin join;
    private SnapshotRangeReader reader;

    VerifySplitReader(ReadSpec spec) {
        this.spec = spec;
        this.digester = new DocumentDigester(spec.compareMode());
    }

    @Override
    public RecordsWithSplitIds<ComparedRange> fetch() {
        RecordsBySplits.Builder<ComparedRange> out = new RecordsBySplits.Builder<>();
        if (split == null) {
            split = splits.poll();
            if (split == null) {
                return out.build();
            }
            join = new RangeJoin(split.pair(), spec.maxDifferences());
            open(Side.SOURCE);
        }
        List<ChangeRecord> batch = reader.nextBatch();
        for (ChangeRecord document : batch) {
            Digest128 digest = digester.digest(document.document());
            if (side == Side.SOURCE) {
                join.addSource(document.key(), digest);
            } else {
                join.probeDestination(document.key(), digest);
            }
        }
        if (!batch.isEmpty()) {
            out.add(split, join.report());
            return out.build();
        }
        reader.close();
        if (side == Side.SOURCE) {
            open(Side.DESTINATION);
        } else {
            reader = null;
            out.add(split, join.finish());
            out.addFinishedSplit(split.splitId());
            split = null;
            join = null;
        }
        return out.build();
    }

    private void open(Side next) {
        side = next;
        IdRange range = split.range();
        if (next == Side.DESTINATION) {
            range =
                    new IdRange(
                            spec.namespace(Side.DESTINATION, split.pair()),
                            range.lower(),
                            range.upper(),
                            range.id());
        }
        reader = new SnapshotRangeReader(client(next), range, spec.batchSize());
    }

    private MongoClient client(Side s) {
        return clients.computeIfAbsent(s, k -> ForcedConsistency.client(spec.uri(k)));
    }

    @Override
    public void handleSplitsChanges(SplitsChange<VerifySplit> change) {
        if (change instanceof SplitsAddition<VerifySplit> addition) {
            splits.addAll(addition.splits());
        }
    }

    @Override
    public void wakeUp() {
        // fetch() never waits for anything but the server.
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        clients.values().forEach(MongoClient::close);
        clients.clear();
    }
}
