package io.dsync.connectors.sink;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.record.ChangeRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers records per destination namespace (one per document, {@link PendingWrites}) and writes
 * each namespace's batch as one unordered bulk write when it is full, when its oldest record has
 * waited the maximum batch delay (processing-time timer), when the writer buffers too many bytes
 * overall (largest batch first), and at every {@link #flush}.
 *
 * <p>Flink calls {@link #flush} before it forwards a checkpoint barrier, so a completed checkpoint
 * means every record before it is durable at the destination; after a failure Flink replays from
 * that checkpoint and the idempotent writes converge to the same state (at-least-once delivery,
 * exactly-once effect). Everything runs in the task's mailbox thread, timers included, except the
 * bulk writes themselves: {@link InFlightWrites} sends the batches in order from one background
 * thread while the next ones fill, and {@link #flush} waits for all of them.
 */
final class MigrationSinkWriter implements SinkWriter<ChangeRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationSinkWriter.class);

    private final NamespaceMapping mapping;
    private final Set<String> orderedNamespaces;
    private final long maxBatchDelayMillis;
    private final long maxBufferedBytes;
    private final ProcessingTimeService timeService;
    private final MongoClient client;
    private final PendingWrites pending;
    private final InFlightWrites inFlight;
    private final Map<String, Namespace> destinations = new HashMap<>();
    private boolean timerPending;
    private boolean closed;

    MigrationSinkWriter(
            WriteOptions options,
            ProcessingTimeService timeService,
            SinkMetrics metrics,
            MongoClient client,
            long maxWriteRate,
            String writeThreadName) {
        this.mapping = options.namespaceMapping();
        this.orderedNamespaces = options.orderedNamespaces();
        this.maxBatchDelayMillis = options.maxBatchDelay().toMillis();
        this.maxBufferedBytes = options.maxBufferedBytes();
        this.timeService = timeService;
        this.client = client;
        this.pending =
                new PendingWrites(
                        options.maxBatchDocuments(), options.maxBatchBytes(), options.recordKeys());
        BatchWriter batchWriter =
                new BatchWriter(
                        client,
                        options,
                        WriteRateLimiter.of(maxWriteRate),
                        metrics,
                        Sleeper.SYSTEM);
        this.inFlight =
                new InFlightWrites(
                        batchWriter::write, options.maxWritesInFlight(), writeThreadName);
    }

    /**
     * The client a writer uses: the user's connection string with the write concern dsync forces
     * ({@link ForcedConsistency}), named for the server logs.
     */
    static MongoClient createClient(WriteOptions options) {
        ConnectionString connectionString = new ConnectionString(options.connectionString());
        MongoClientSettings.Builder settings = ForcedConsistency.settings(connectionString);
        if (connectionString.getApplicationName() == null) {
            settings.applicationName("dsync-sink");
        }
        LOG.info(
                "Connecting the sink writer to {}",
                ConnectionStrings.redact(options.connectionString()));
        return MongoClients.create(settings.build());
    }

    @Override
    public void write(ChangeRecord record, Context context)
            throws IOException, InterruptedException {
        if (record.kind() == ChangeRecord.Kind.COPY_END) {
            return; // a marker for the race guard, not a write
        }
        Namespace destination =
                destinations.computeIfAbsent(
                        record.namespace(), source -> mapping.map(Namespace.parse(source)));
        if (pending.mustWriteFirst(destination, record)) {
            writeBatch(destination);
        }
        boolean full = pending.add(destination, record, timeService.getCurrentProcessingTime());
        // A capped collection's records are written one by one, in order: its insertion order.
        if (full || orderedNamespaces.contains(record.namespace())) {
            writeBatch(destination);
        }
        while (pending.bufferedBytes() > maxBufferedBytes) {
            writeBatch(pending.largest());
        }
        scheduleFlushTimer();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        for (Namespace destination : pending.namespaces()) {
            writeBatch(destination);
        }
        inFlight.drain();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!pending.isEmpty()) {
                // Not an error: records after the last checkpoint are replayed on restart.
                LOG.info(
                        "Closing the sink writer with {} unwritten document(s); they are written"
                                + " again from the last checkpoint on restart",
                        pending.bufferedDocuments());
            }
            inFlight.close();
            client.close();
        }
    }

    private void writeBatch(Namespace destination) throws IOException, InterruptedException {
        PendingWrites.Batch batch = pending.take(destination);
        if (batch != null) {
            inFlight.submit(destination, batch.records());
        }
    }

    /** Keeps one timer pending while something is buffered, due when the oldest batch is. */
    private void scheduleFlushTimer() {
        if (timerPending || closed) {
            return;
        }
        OptionalLong oldest = pending.oldestStartMillis();
        if (oldest.isPresent()) {
            timerPending = true;
            timeService.registerTimer(oldest.getAsLong() + maxBatchDelayMillis, this::onTimer);
        }
    }

    private void onTimer(long timerTime) throws IOException, InterruptedException {
        timerPending = false;
        if (closed) {
            return;
        }
        long cutoff = timeService.getCurrentProcessingTime() - maxBatchDelayMillis;
        for (Namespace destination : pending.startedAtOrBefore(cutoff)) {
            writeBatch(destination);
        }
        scheduleFlushTimer();
    }
}
