package io.dsync.verify.source;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.SnapshotRangeReader;
import io.dsync.verify.bson.Digest128;
import io.dsync.verify.bson.DocumentDigester;
import io.dsync.verify.job.DigestRecord;
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
 * Reads the assigned splits one after the other with the initial sync's {@link
 * SnapshotRangeReader}, one driver batch per fetch, and turns every document into a {@link
 * DigestRecord}. Holds one client per side for all its splits (never one per cursor).
 */
final class VerifySplitReader implements SplitReader<DigestRecord, VerifySplit> {

    private final ReadSpec spec;
    private final DocumentDigester digester;
    private final Deque<VerifySplit> splits = new ArrayDeque<>();
    private final Map<Side, MongoClient> clients = new EnumMap<>(Side.class);
    private VerifySplit split;
    private SnapshotRangeReader reader;

    VerifySplitReader(ReadSpec spec) {
        this.spec = spec;
        this.digester = new DocumentDigester(spec.compareMode());
    }

    @Override
    public RecordsWithSplitIds<DigestRecord> fetch() {
        RecordsBySplits.Builder<DigestRecord> out = new RecordsBySplits.Builder<>();
        if (split == null) {
            split = splits.poll();
            if (split == null) {
                return out.build();
            }
            reader = new SnapshotRangeReader(client(split.side()), split.range(), spec.batchSize());
        }
        List<ChangeRecord> batch = reader.nextBatch();
        for (ChangeRecord document : batch) {
            Digest128 digest = digester.digest(document.document());
            out.add(
                    split,
                    DigestRecord.of(
                            split.pair(),
                            split.side(),
                            document.key(),
                            digest.high(),
                            digest.low()));
        }
        if (batch.isEmpty()) {
            out.addFinishedSplit(split.splitId());
            reader.close();
            reader = null;
            split = null;
        }
        return out.build();
    }

    private MongoClient client(Side side) {
        return clients.computeIfAbsent(side, s -> MongoClients.create(spec.uri(s)));
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
