package io.dsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, case 14 ("a copy that never completes"): a reader that finishes a range between the
 * enumerator's snapshot and its own snapshot of the same checkpoint. Flink takes the enumerator's
 * (coordinator's) snapshot first and the readers' when the barrier reaches them; a reader's event
 * sent in between is in neither (Flink orders only the coordinator's events to the readers against
 * a checkpoint, not the readers' events to the coordinator). Restored from that checkpoint, the
 * enumerator still counts the range as open while no reader holds it any more: before the fix the
 * copy stayed at "copy n-1/n ranges" forever, although every document had been copied.
 *
 * <p>Flink's runtime offers no way to stop a real job between those two snapshots, so the test
 * plays the checkpoint protocol itself: the real enumerator and reader of {@link MigrationSource},
 * reading the embedded source over TCP, with Flink's testing enumerator context and a reader
 * context that hands every message to the test, which delivers them in the order of the race.
 */
class CopyThatNeverCompletesITCase {

    private static final String DB = "never_completes";

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, DB);

    @BeforeAll
    static void seed() {
        MongoClient source = CLIENTS.source();
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            documents.add(new Document("_id", i).append("n", "document " + i));
        }
        source.getDatabase(DB).getCollection("orders").insertMany(documents);
    }

    @Test
    @Timeout(120)
    void aRangeFinishedBetweenTheEnumeratorsAndTheReadersSnapshotsStillCompletesTheCopy()
            throws Throwable {
        MigrationSource source =
                new MigrationSource(
                        MigrationSourceConfig.builder()
                                .sourceUri(SERVERS.sourceUri())
                                .destinationUri(SERVERS.destinationUri())
                                .filter(NamespaceFilter.of(List.of(DB), List.of()))
                                .mapping(NamespaceMapping.identity())
                                .copySnapshot(true)
                                .followChanges(false)
                                .indexCopyMode(IndexCopyMode.NONE)
                                .build());
        EnumeratorStateSerializer enumeratorSerializer = new EnumeratorStateSerializer();

        // The first run: the collection is split into one range, which the reader gets.
        byte[] enumeratorCheckpoint;
        List<byte[]> readerCheckpoint = new ArrayList<>();
        try (MockSplitEnumeratorContext<MigrationSplit> context =
                        new MockSplitEnumeratorContext<>(1);
                SplitEnumerator<MigrationSplit, EnumeratorState> enumerator =
                        source.createEnumerator(context)) {
            enumerator.start();
            context.runNextOneTimeCallable(); // list the collections
            context.runNextOneTimeCallable(); // prepare and split the collection
            context.registerReader(new ReaderInfo(0, "localhost"));
            enumerator.addReader(0);
            Messages toEnumerator = new Messages();
            try (SourceReader<ChangeRecord, MigrationSplit> reader =
                    source.createReader(toEnumerator)) {
                reader.start();
                assertThat(toEnumerator.splitRequests).isEqualTo(1);
                enumerator.handleSplitRequest(0, "localhost");
                List<SplitsAssignment<MigrationSplit>> assignments =
                        context.getSplitsAssignmentSequence();
                assertThat(assignments).hasSize(1);
                reader.addSplits(assignments.get(0).assignment().get(0));

                // Checkpoint 1 begins: the enumerator's snapshot, with the range still open.
                enumeratorCheckpoint = enumeratorSerializer.serialize(enumerator.snapshotState(1));

                // Before the barrier reaches the reader, it reads the range to its end and tells
                // the enumerator (which no longer counts for checkpoint 1)...
                readUntilRangeFinished(reader, toEnumerator);

                // ...and then takes its snapshot of checkpoint 1. The process dies right after.
                for (MigrationSplit split : reader.snapshotState(1)) {
                    readerCheckpoint.add(MigrationSplitSerializer.INSTANCE.serialize(split));
                }
            }
        }

        // The resumed run restores both from checkpoint 1.
        try (MockSplitEnumeratorContext<MigrationSplit> context =
                        new MockSplitEnumeratorContext<>(1);
                SplitEnumerator<MigrationSplit, EnumeratorState> enumerator =
                        source.restoreEnumerator(
                                context,
                                enumeratorSerializer.deserialize(
                                        enumeratorSerializer.getVersion(), enumeratorCheckpoint))) {
            enumerator.start();
            context.registerReader(new ReaderInfo(0, "localhost"));
            enumerator.addReader(0);
            Messages toEnumerator = new Messages();
            try (SourceReader<ChangeRecord, MigrationSplit> reader =
                    source.createReader(toEnumerator)) {
                List<MigrationSplit> restored = new ArrayList<>();
                for (byte[] bytes : readerCheckpoint) {
                    restored.add(
                            MigrationSplitSerializer.INSTANCE.deserialize(
                                    MigrationSplitSerializer.INSTANCE.getVersion(), bytes));
                }
                if (!restored.isEmpty()) {
                    reader.addSplits(restored);
                }
                reader.start();
                deliverUntilQuiet(context, enumerator, reader, toEnumerator);

                SourceEvents.SnapshotProgress progress = lastProgress(context);
                assertThat(progress.rangesFinished())
                        .as("ranges finished of " + progress.rangesTotal())
                        .isEqualTo(progress.rangesTotal());
                assertThat(progress.complete()).as("the copy is complete").isTrue();
                assertThat(reader.snapshotState(2))
                        .as("nothing is left in the reader's state once the enumerator knows")
                        .isEmpty();
            }
        }
    }

    private static void readUntilRangeFinished(
            SourceReader<ChangeRecord, MigrationSplit> reader, Messages toEnumerator)
            throws Exception {
        Output output = new Output();
        while (toEnumerator.finishedRanges() == 0) {
            if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get();
            }
        }
        assertThat(output.records).isEqualTo(300);
    }

    /** Delivers the messages in both directions until none is left. */
    private static void deliverUntilQuiet(
            MockSplitEnumeratorContext<MigrationSplit> context,
            SplitEnumerator<MigrationSplit, EnumeratorState> enumerator,
            SourceReader<ChangeRecord, MigrationSplit> reader,
            Messages toEnumerator)
            throws Exception {
        int eventsDelivered = 0;
        int assignmentsDelivered = 0;
        boolean moved = true;
        while (moved) {
            moved = false;
            while (!toEnumerator.events.isEmpty()) {
                enumerator.handleSourceEvent(0, toEnumerator.events.remove(0));
                moved = true;
            }
            while (toEnumerator.splitRequests > 0) {
                toEnumerator.splitRequests--;
                enumerator.handleSplitRequest(0, "localhost");
                moved = true;
            }
            List<SourceEvent> toReader = context.getSentSourceEvent().getOrDefault(0, List.of());
            for (; eventsDelivered < toReader.size(); eventsDelivered++) {
                reader.handleSourceEvents(toReader.get(eventsDelivered));
                moved = true;
            }
            List<SplitsAssignment<MigrationSplit>> assignments =
                    context.getSplitsAssignmentSequence();
            for (; assignmentsDelivered < assignments.size(); assignmentsDelivered++) {
                reader.addSplits(
                        assignments
                                .get(assignmentsDelivered)
                                .assignment()
                                .getOrDefault(0, List.of()));
                moved = true;
            }
        }
    }

    private static SourceEvents.SnapshotProgress lastProgress(
            MockSplitEnumeratorContext<MigrationSplit> context) throws Exception {
        SourceEvents.SnapshotProgress last = null;
        for (SourceEvent event : context.getSentSourceEvent().getOrDefault(0, List.of())) {
            if (event instanceof SourceEvents.SnapshotProgress progress) {
                last = progress;
            }
        }
        assertThat(last).as("the enumerator reported its progress").isNotNull();
        return last;
    }

    /** A reader's context that keeps what the reader sends to the enumerator. */
    private static final class Messages implements SourceReaderContext {
        final List<SourceEvent> events = new ArrayList<>();
        int splitRequests;
        private int finished;

        int finishedRanges() {
            return finished;
        }

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {
            splitRequests++;
        }

        @Override
        public void sendSourceEventToCoordinator(SourceEvent event) {
            if (event instanceof SourceEvents.SnapshotSplitFinished) {
                finished++;
            }
            events.add(event);
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }
    }

    /** Counts the records a reader emits. */
    private static final class Output implements ReaderOutput<ChangeRecord> {
        int records;

        @Override
        public void collect(ChangeRecord record) {
            records++;
        }

        @Override
        public void collect(ChangeRecord record, long timestamp) {
            records++;
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<ChangeRecord> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
