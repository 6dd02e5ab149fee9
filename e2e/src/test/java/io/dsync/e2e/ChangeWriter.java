package io.dsync.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * The application, writing to the source on its own thread while dsync copies and follows it:
 * inserts (mixed {@code _id} types), updates, replaces and deletes of seeded documents, about a
 * hundred a second, until stopped.
 */
final class ChangeWriter implements AutoCloseable {

    private final MongoClient client;
    private final int seededPerCollection;
    private final Random random = new Random(20_240_601);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong operations = new AtomicLong();
    private long nextId = 1_000_000;
    private Thread thread;
    private volatile Throwable failure;

    ChangeWriter(String sourceUri, int seededPerCollection) {
        this.client = MongoClients.create(sourceUri);
        this.seededPerCollection = seededPerCollection;
    }

    /** Starts (or restarts) writing on a background thread. */
    synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        thread = new Thread(this::loop, "source-change-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the background thread; rethrows what made it fail, if anything did. */
    synchronized void stop() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(30_000);
            thread = null;
        }
        if (failure != null) {
            throw new AssertionError("the change writer failed", failure);
        }
    }

    /** Writes {@code n} changes on the calling thread. */
    synchronized void write(int n) {
        for (int i = 0; i < n; i++) {
            writeOne();
        }
    }

    long operations() {
        return operations.get();
    }

    private void loop() {
        try {
            while (running.get()) {
                synchronized (this) {
                    writeOne();
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void writeOne() {
        List<String> namespaces = SourceData.NAMESPACES;
        MongoCollection<Document> collection =
                SourceData.collection(client, namespaces.get(random.nextInt(namespaces.size())));
        Object seeded = SourceData.mixedId(random.nextInt(seededPerCollection));
        int op = random.nextInt(10);
        if (op < 3 || seeded instanceof org.bson.types.ObjectId) {
            // ObjectIds of the seed are random: insert instead of guessing one.
            collection.insertOne(
                    new Document("_id", SourceData.mixedId(nextId++))
                            .append("v", 0)
                            .append("inserted", true));
        } else if (op < 6) {
            collection.updateOne(
                    Filters.eq("_id", seeded),
                    Updates.combine(Updates.inc("v", 1), Updates.set("touched", random.nextInt())));
        } else if (op < 8) {
            collection.replaceOne(
                    Filters.eq("_id", seeded),
                    new Document("replaced", true).append("r", random.nextLong()));
        } else {
            collection.deleteOne(Filters.eq("_id", seeded));
        }
        operations.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            client.close();
        }
    }
}
