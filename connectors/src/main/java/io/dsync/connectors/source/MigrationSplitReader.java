package io.dsync.connectors.source;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.changestream.ChangeFeed;
import io.dsync.connectors.source.changestream.ChangeStreamEvent;
import io.dsync.connectors.source.changestream.ChangeStreamHistoryLostException;
import io.dsync.connectors.source.changestream.ChangeStreamOptions;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.snapshot.SnapshotRangeReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Runs in a fetcher thread and reads either snapshot ranges (one after the other) or the change
 * stream; {@link RoutingFetcherManager} never gives one fetcher both, so the change stream keeps
 * flowing while ranges are copied. Uses the reader's one {@link MongoClient}.
 */
final class MigrationSplitReader implements SplitReader<FetchedElement, MigrationSplit> {

    private static final long GATE_WAIT_MILLIS = 200;
    private static final long SOURCE_TIME_INTERVAL_NANOS = 1_000_000_000L;

    private final MongoClient client;
    private final MigrationSourceConfig config;
    private final DdlGate gate;
    private final SourceMetrics metrics;
    private long sourceTimeCheckedNanos;

    private final Deque<SnapshotSplit> snapshotSplits = new ArrayDeque<>();
    private SnapshotRangeReader rangeReader;
    private boolean copyEndSent;

    /** Set when this fetcher owns the change stream split. */
    private boolean streaming;

    private ChangeStreamPosition resumeFrom;
    private ChangeFeed streamReader;

    MigrationSplitReader(
            MongoClient client, MigrationSourceConfig config, DdlGate gate, SourceMetrics metrics) {
        this.client = client;
        this.config = config;
        this.gate = gate;
        this.metrics = metrics;
    }

    @Override
    public RecordsWithSplitIds<FetchedElement> fetch() throws IOException {
        if (streaming) {
            return fetchChanges();
        }
        return fetchSnapshot();
    }

    private RecordsWithSplitIds<FetchedElement> fetchSnapshot() {
        SnapshotSplit split = snapshotSplits.peek();
        if (split == null) {
            return FetchedBatch.empty();
        }
        if (rangeReader == null) {
            rangeReader =
                    new SnapshotRangeReader(
                            client, split.range(), config.snapshotBatchSize(), split.lastKey());
        }
        List<ChangeRecord> records = rangeReader.nextBatch();
        if (records.isEmpty() && split.range().isNaturalOrder() && !copyEndSent) {
            // After a capped collection's last document: the guard holds its events until then.
            copyEndSent = true;
            return FetchedBatch.of(
                    split.splitId(),
                    List.of(
                            FetchedElement.snapshot(
                                    ChangeRecord.copyEnd(split.range().namespace().fullName()))));
        }
        if (records.isEmpty()) {
            copyEndSent = false;
            rangeReader.close();
            rangeReader = null;
            CopiedCollectionCheck.afterRange(client, split);
            snapshotSplits.poll();
            return FetchedBatch.finished(split.splitId());
        }
        List<FetchedElement> elements = new ArrayList<>(records.size());
        for (ChangeRecord record : records) {
            elements.add(FetchedElement.snapshot(record));
        }
        return FetchedBatch.of(split.splitId(), elements);
    }

    private RecordsWithSplitIds<FetchedElement> fetchChanges() throws IOException {
        ChangeStreamPosition released = gate.takeReleasedPosition();
        if (released != null) {
            resumeFrom = released;
            return FetchedBatch.of(
                    ChangeStreamSplit.SPLIT_ID, List.of(FetchedElement.heartbeat(released, 0L)));
        }
        if (gate.isClosed()) {
            try {
                gate.awaitOpen(GATE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while a DDL event was pending", e);
            }
            return FetchedBatch.empty();
        }
        if (streamReader == null) {
            streamReader = openStream(resumeFrom);
        }
        checkSourceTime();
        List<ChangeStreamEvent> events;
        try {
            events = streamReader.poll();
        } catch (ChangeStreamHistoryLostException e) {
            throw MigrationStoppedException.fatal(new MigrationStoppedException(e.getMessage(), e));
        } catch (IllegalStateException e) {
            // An event dsync does not know how to apply: restarting would meet it again.
            throw MigrationStoppedException.fatal(
                    new MigrationStoppedException(
                            "the source's change stream sent an event dsync cannot apply: "
                                    + e.getMessage(),
                            e));
        }
        List<FetchedElement> elements = new ArrayList<>(events.size());
        for (ChangeStreamEvent event : events) {
            switch (event.type()) {
                case DOCUMENT:
                    elements.add(
                            FetchedElement.change(
                                    event.record(), event.position(), event.clusterTime()));
                    break;
                case HEARTBEAT:
                    elements.add(FetchedElement.heartbeat(event.position(), event.clusterTime()));
                    break;
                case DDL:
                    // Stop here: nothing after a DDL is read until it has been applied; the
                    // stream is then reopened right after the DDL event.
                    streamReader.close();
                    streamReader = null;
                    resumeFrom = event.position();
                    gate.close(event.ddl(), event.position());
                    elements.add(
                            FetchedElement.ddl(event.ddl(), event.position(), event.clusterTime()));
                    return FetchedBatch.of(ChangeStreamSplit.SPLIT_ID, elements);
                case INVALIDATE:
                    throw MigrationStoppedException.fatal(
                            new MigrationStoppedException(
                                    "the source's change stream was invalidated ("
                                            + event
                                            + "); dsync cannot continue from it."
                                            + " Start the migration again"));
                default:
                    throw new IllegalStateException(
                            "unexpected change stream event type " + event.type());
            }
        }
        return FetchedBatch.of(ChangeStreamSplit.SPLIT_ID, elements);
    }

    /**
     * Once a second, asks the source for its current cluster time (every reply carries {@code
     * operationTime}), so the lag metric sees how far the head of the oplog is even while the
     * stream works through a backlog.
     */
    private void checkSourceTime() {
        long now = System.nanoTime();
        if (now - sourceTimeCheckedNanos < SOURCE_TIME_INTERVAL_NANOS) {
            return;
        }
        sourceTimeCheckedNanos = now;
        try {
            Object time =
                    client.getDatabase("admin")
                            .runCommand(new org.bson.Document("ping", 1))
                            .get("operationTime");
            if (time instanceof org.bson.BsonTimestamp t) {
                metrics.sourceAt(t.getValue());
            }
        } catch (RuntimeException e) {
            // Only a metric: the change stream itself reports real trouble.
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<MigrationSplit> splitsChange) {
        for (MigrationSplit split : splitsChange.splits()) {
            if (split instanceof SnapshotSplit s) {
                snapshotSplits.add(s);
            } else {
                streaming = true;
                resumeFrom = ((ChangeStreamSplit) split).position();
            }
        }
    }

    private ChangeFeed openStream(ChangeStreamPosition position) {
        return config.changeFeed()
                .open(
                        client,
                        config.filter(),
                        position,
                        ChangeStreamOptions.builder()
                                .batchSize(config.streamBatchSize())
                                .maxAwaitTime(config.maxAwait())
                                .build(),
                        metrics.group());
    }

    @Override
    public void wakeUp() {}

    @Override
    public void close() {
        if (rangeReader != null) {
            rangeReader.close();
        }
        if (streamReader != null) {
            streamReader.close();
        }
    }
}
