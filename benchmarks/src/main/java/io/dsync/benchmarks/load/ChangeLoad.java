package io.dsync.benchmarks.load;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.benchmarks.data.DataSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.RawBsonDocument;

/**
 * The application's writes during the cdc scenario: a steady mix of 40% updates, 20% replaces, 20%
 * inserts and 20% deletes over the seeded documents of a {@link DataSet}, at a rate that can be
 * changed while it runs. Every 20 ms it sends what is due as one ordered bulk write per collection,
 * the collections' writes side by side on {@value #SENDERS} threads (one after another, a tick's
 * round trips had capped the load at ~4,500 operations per second); every operation touches a
 * document that exists (or, for inserts, a new one), so each is one change event.
 */
public final class ChangeLoad implements AutoCloseable {

    private static final long TICK_MILLIS = 20;

    /** Threads sending one tick's per-collection bulk writes side by side. */
    static final int SENDERS = 4;

    private final MongoClient client;
    private final DataSet data;
    private final BenchDocuments documents;
    private final Random random = new Random(7);
    private final BitSet[] alive;
    private final long[] next;
    private final AtomicLong operations = new AtomicLong();
    private final Thread thread;
    private final ExecutorService senders =
            Executors.newFixedThreadPool(
                    SENDERS,
                    r -> {
                        Thread t = new Thread(r, "change-load-sender");
                        t.setDaemon(true);
                        return t;
                    });
    private volatile double rate;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private int version = 1;

    public ChangeLoad(MongoClient client, DataSet data) {
        this.client = client;
        this.data = data;
        this.documents = data.generator();
        this.alive = new BitSet[data.collections()];
        this.next = new long[data.collections()];
        for (int c = 0; c < data.collections(); c++) {
            alive[c] = new BitSet();
            alive[c].set(0, (int) data.documentsIn(c));
            next[c] = data.documentsIn(c);
        }
        this.thread = new Thread(this::loop, "change-load");
        this.thread.setDaemon(true);
    }

    public ChangeLoad start() {
        thread.start();
        return this;
    }

    /** Operations per second from now on (0 pauses). */
    public void rate(double operationsPerSecond) {
        this.rate = operationsPerSecond;
    }

    /** Operations written so far. */
    public long operations() {
        return operations.get();
    }

    /** Writes {@code count} operations as fast as the source takes them (the load is paused). */
    public synchronized void burst(long count) {
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(1000, count - done);
            write(n);
            done += n;
        }
    }

    private void loop() {
        long last = System.nanoTime();
        double owed = 0;
        while (running) {
            try {
                Thread.sleep(TICK_MILLIS);
                long now = System.nanoTime();
                owed += rate * (now - last) / 1e9;
                last = now;
                // never owe more than a second's work: a stalled source is not made up later
                owed = Math.min(owed, Math.max(rate, 1));
                int due = (int) owed;
                if (due > 0) {
                    synchronized (this) {
                        write(due);
                    }
                    owed -= due;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) { // not an interrupted write of close()
                    failure = e;
                }
                return;
            }
        }
    }

    private void write(int count) {
        List<List<WriteModel<RawBsonDocument>>> perCollection = new ArrayList<>();
        for (int c = 0; c < data.collections(); c++) {
            perCollection.add(new ArrayList<>());
        }
        version++;
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(data.collections());
            int kind = random.nextInt(10);
            List<WriteModel<RawBsonDocument>> ops = perCollection.get(c);
            if (kind < 2 || alive[c].cardinality() < 100) {
                long seq = next[c]++;
                alive[c].set((int) seq);
                ops.add(new InsertOneModel<>(documents.document(c, seq, version)));
                continue;
            }
            long seq = pickAlive(c);
            if (kind < 6) {
                ops.add(
                        new UpdateOneModel<>(
                                Filters.eq("_id", BenchDocuments.id(c, seq)),
                                Updates.combine(
                                        Updates.set("version", version),
                                        Updates.inc("updates", 1))));
            } else if (kind < 8) {
                ops.add(
                        new ReplaceOneModel<>(
                                Filters.eq("_id", BenchDocuments.id(c, seq)),
                                documents.document(c, seq, version)));
            } else {
                alive[c].clear((int) seq);
                ops.add(new DeleteOneModel<>(Filters.eq("_id", BenchDocuments.id(c, seq))));
            }
        }
        List<Future<?>> sent = new ArrayList<>();
        for (int c = 0; c < data.collections(); c++) {
            List<WriteModel<RawBsonDocument>> ops = perCollection.get(c);
            if (!ops.isEmpty()) {
                MongoCollection<RawBsonDocument> collection = collection(c);
                sent.add(
                        senders.submit(
                                () -> {
                                    collection.bulkWrite(ops, new BulkWriteOptions().ordered(true));
                                    operations.addAndGet(ops.size());
                                }));
            }
        }
        // every collection's writes of this tick are done before the next tick's (their order)
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r
                        ? r
                        : new IllegalStateException(e.getCause());
            }
        }
    }

    private long pickAlive(int c) {
        int bound = (int) next[c];
        int start = random.nextInt(bound);
        int found = alive[c].nextSetBit(start);
        return found >= 0 ? found : alive[c].nextSetBit(0);
    }

    private MongoCollection<RawBsonDocument> collection(int c) {
        return client.getDatabase(data.database())
                .getCollection(BenchDocuments.collectionName(c), RawBsonDocument.class);
    }

    /** Throws what stopped the load, if anything did. */
    public void check() {
        if (failure != null) {
            throw new IllegalStateException("the change load failed: " + failure, failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
        senders.shutdownNow();
    }
}
