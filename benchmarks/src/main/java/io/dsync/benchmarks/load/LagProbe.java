package io.dsync.benchmarks.load;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Measures replication lag end to end with marker documents: inserts {@code {_id: n}} into the
 * source's markers collection, then polls the destination every 5 ms until it is there; the lag is
 * the time in between. One marker at a time, a new one every {@value #INTERVAL_MILLIS} ms; a marker
 * not seen within the timeout counts as a lag of the timeout.
 */
public final class LagProbe implements AutoCloseable {

    static final long INTERVAL_MILLIS = 200;
    public static final String COLLECTION = "markers";

    private final MongoCollection<Document> source;
    private final MongoCollection<Document> destination;
    private final Duration timeout;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long next = System.currentTimeMillis() * 1000;
    private final List<Long> unanswered = new ArrayList<>();

    /** One marker: when it was written (ms since the probe's epoch) and its lag in ms. */
    public record Sample(long writtenAtMillis, double lagMillis, boolean timedOut) {}

    public LagProbe(
            MongoClient source, MongoClient destination, String database, Duration timeout) {
        this.source = source.getDatabase(database).getCollection(COLLECTION);
        this.destination = destination.getDatabase(database).getCollection(COLLECTION);
        this.timeout = timeout;
        this.thread = new Thread(this::loop, "lag-probe");
        this.thread.setDaemon(true);
    }

    public LagProbe start() {
        thread.start();
        return this;
    }

    /** Writes one marker and waits for it at the destination; returns its lag in ms, or -1. */
    public double roundTrip(Duration wait) throws InterruptedException {
        long id = next++;
        long start = System.nanoTime();
        source.insertOne(new Document("_id", id).append("at", System.currentTimeMillis()));
        long deadline = start + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (destination.find(Filters.eq("_id", id)).first() != null) {
                return (System.nanoTime() - start) / 1e6;
            }
            Thread.sleep(5);
        }
        synchronized (unanswered) {
            unanswered.add(id);
        }
        return -1;
    }

    /**
     * Deletes, at the source, the markers that never arrived within their wait. A marker written
     * before the follower opened its change stream is never applied (the follower starts after it,
     * as intended), so it would remain a difference between the two sides; deleting it makes a
     * delete event the follower applies as a no-op. Markers that were merely slow arrive anyway and
     * are deleted at the destination too.
     */
    public void withdrawUnanswered() {
        List<Long> ids;
        synchronized (unanswered) {
            ids = new ArrayList<>(unanswered);
            unanswered.clear();
        }
        if (!ids.isEmpty()) {
            source.deleteMany(Filters.in("_id", ids));
        }
    }

    /** The samples of markers written at or after {@code fromMillis} (System.currentTimeMillis). */
    public List<Sample> samplesSince(long fromMillis) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.writtenAtMillis() >= fromMillis).toList();
        }
    }

    private void loop() {
        while (running) {
            try {
                long writtenAt = System.currentTimeMillis();
                double lag = roundTrip(timeout);
                synchronized (samples) {
                    samples.add(new Sample(writtenAt, lag < 0 ? timeout.toMillis() : lag, lag < 0));
                }
                long sleep = INTERVAL_MILLIS - (System.currentTimeMillis() - writtenAt);
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a transient failure of the probe's own client: try again next round
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
