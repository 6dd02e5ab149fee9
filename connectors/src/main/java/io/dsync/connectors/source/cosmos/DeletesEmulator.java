package io.dsync.connectors.source.cosmos;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.IdKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.MetricGroup;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds documents deleted at a source whose change streams report no deletes (Cosmos DB), in
 * cycles: per namespace, when the destination holds more documents than the source, it scans the
 * destination's {@code _id}s in batches and notes those the source no longer has (candidates). A
 * cycle runs at start (so a restart forces one) and then {@code interval} after the previous one
 * ended, on a thread of its own.
 *
 * <p>Candidates are not deleted here. The change feed's fetcher thread takes them with {@link
 * #verifiedDeletes}, which asks the source again, by {@code _id}, right before they are emitted as
 * DELETE records after the events read so far; they then travel the keyed pipeline like every other
 * change. Why that never removes a document that exists at the source, and why it is ordered
 * correctly against the change stream's writes of the same {@code _id}: connectors/README.md,
 * "Deletes emulation".
 *
 * <p>Figures (in the reader's {@code dsync} group): {@code deletesEmulationCycles}, {@code
 * deletesEmulationNamespacesChecked}, {@code deletesEmulationDeletes} (DELETE records emitted),
 * {@code deletesEmulationPending} (candidates waiting for their check).
 */
public final class DeletesEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeletesEmulator.class);
    private static final BsonDocument ID_ONLY = new BsonDocument("_id", new BsonInt32(1));

    /** Candidates held at most; the scan waits while the fetcher works through them. */
    static final int MAX_PENDING = 20_000;

    private final MongoClient source;
    private final MongoClient destination;
    private final DeletesEmulationSettings settings;
    private final List<Namespace> namespaces;
    private final BlockingQueue<Candidate> pending = new LinkedBlockingQueue<>(MAX_PENDING);
    private final ScheduledExecutorService thread;
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong namespacesChecked = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private volatile boolean closed;

    /** A destination {@code _id} the source did not have when the scan asked. */
    private record Candidate(String namespace, byte[] key) {}

    /**
     * Starts the first cycle at once.
     *
     * @param source the source client (used, not closed)
     * @param namespaces the source namespaces to check
     * @param metrics where the figures go (may be null)
     */
    public DeletesEmulator(
            MongoClient source,
            DeletesEmulationSettings settings,
            List<Namespace> namespaces,
            MetricGroup metrics) {
        this.source = source;
        this.settings = settings;
        this.namespaces = List.copyOf(namespaces);
        this.destination = ForcedConsistency.client(settings.destinationUri());
        if (metrics != null) {
            metrics.gauge("deletesEmulationCycles", cycles::get);
            metrics.gauge("deletesEmulationNamespacesChecked", namespacesChecked::get);
            metrics.gauge("deletesEmulationDeletes", deletes::get);
            metrics.gauge("deletesEmulationPending", () -> (long) pending.size());
        }
        this.thread =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "dsync-deletes-emulation");
                            t.setDaemon(true);
                            return t;
                        });
        thread.scheduleWithFixedDelay(
                this::cycle, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One cycle over every namespace; failures are logged and the next cycle tries again. */
    void cycle() {
        try {
            for (Namespace namespace : namespaces) {
                if (closed) {
                    return;
                }
                check(namespace);
                namespacesChecked.incrementAndGet();
            }
            cycles.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Deletes emulation cycle failed; the next cycle tries again", e);
            }
        }
    }

    private void check(Namespace namespace) throws InterruptedException {
        Namespace target = settings.mapping().map(namespace);
        long atSource = collection(source, namespace).estimatedDocumentCount();
        MongoCollection<RawBsonDocument> destinationCollection = collection(destination, target);
        long atDestination = destinationCollection.estimatedDocumentCount();
        if (atDestination <= atSource) {
            return;
        }
        LOG.info(
                "Deletes emulation: {} holds {} documents, the source {} holds {}; comparing _ids",
                target,
                atDestination,
                namespace,
                atSource);
        FindIterable<RawBsonDocument> ids =
                destinationCollection
                        .find()
                        .projection(ID_ONLY)
                        .sort(ID_ONLY)
                        .batchSize(settings.batchSize());
        List<byte[]> batch = new ArrayList<>(settings.batchSize());
        try (MongoCursor<RawBsonDocument> cursor = ids.iterator()) {
            while (cursor.hasNext() && !closed) {
                batch.add(IdKey.of(IdKey.bytesOf(cursor.next())));
                if (batch.size() == settings.batchSize()) {
                    queueAbsent(namespace, batch);
                    batch.clear();
                }
            }
        }
        queueAbsent(namespace, batch);
    }

    private void queueAbsent(Namespace namespace, List<byte[]> keys) throws InterruptedException {
        for (byte[] key : absentAtSource(namespace, keys)) {
            while (!closed
                    && !pending.offer(
                            new Candidate(namespace.fullName(), key), 1, TimeUnit.SECONDS)) {
                // the fetcher is working through earlier candidates
            }
        }
    }

    /**
     * Takes up to {@code max} candidates, asks the source for each again by {@code _id}, and
     * returns DELETE records for those it still does not have. Called by the change feed's fetcher
     * thread right before it emits them.
     */
    public List<ChangeRecord> verifiedDeletes(int max) {
        List<Candidate> taken = new ArrayList<>();
        pending.drainTo(taken, max);
        if (taken.isEmpty()) {
            return List.of();
        }
        Map<String, List<byte[]>> byNamespace = new LinkedHashMap<>();
        for (Candidate candidate : taken) {
            byNamespace
                    .computeIfAbsent(candidate.namespace(), ns -> new ArrayList<>())
                    .add(candidate.key());
        }
        List<ChangeRecord> records = new ArrayList<>();
        for (Map.Entry<String, List<byte[]>> e : byNamespace.entrySet()) {
            for (byte[] key : absentAtSource(Namespace.parse(e.getKey()), e.getValue())) {
                records.add(new ChangeRecord(ChangeRecord.Kind.DELETE, e.getKey(), key, null, 0L));
            }
        }
        deletes.addAndGet(records.size());
        if (!records.isEmpty()) {
            LOG.info("Deletes emulation: {} document(s) gone from the source", records.size());
        }
        return records;
    }

    /**
     * The keys the source has no document for. One {@code $in} query per batch; when the source
     * returns an {@code _id} that is not byte-equal to any asked for (a numerically equal value of
     * another type, which the {@code _id} index treats as the same), the remaining keys are asked
     * one by one, so that the server's equality, never the bytes, decides.
     */
    private List<byte[]> absentAtSource(Namespace namespace, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Set<ByteBuffer> wanted = new HashSet<>();
        BsonArray values = new BsonArray();
        for (byte[] key : keys) {
            wanted.add(ByteBuffer.wrap(key));
            values.add(idOf(key));
        }
        MongoCollection<RawBsonDocument> collection = collection(source, namespace);
        Set<ByteBuffer> present = new HashSet<>();
        boolean unmatched = false;
        for (RawBsonDocument doc :
                collection
                        .find(new BsonDocument("_id", new BsonDocument("$in", values)))
                        .projection(ID_ONLY)) {
            ByteBuffer key = ByteBuffer.wrap(IdKey.of(IdKey.bytesOf(doc)));
            if (wanted.contains(key)) {
                present.add(key);
            } else {
                unmatched = true;
            }
        }
        List<byte[]> absent = new ArrayList<>();
        for (byte[] key : keys) {
            if (present.contains(ByteBuffer.wrap(key))) {
                continue;
            }
            if (unmatched
                    && collection
                                    .find(new BsonDocument("_id", idOf(key)))
                                    .projection(ID_ONLY)
                                    .first()
                            != null) {
                continue;
            }
            absent.add(key);
        }
        return absent;
    }

    private static BsonValue idOf(byte[] key) {
        return new RawBsonDocument(key).get("_id");
    }

    private static MongoCollection<RawBsonDocument> collection(
            MongoClient client, Namespace namespace) {
        return client.getDatabase(namespace.database())
                .getCollection(namespace.collection(), RawBsonDocument.class);
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destination.close();
    }
}
