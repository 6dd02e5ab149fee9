package io.dsync.job.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * The demo's application: keeps inserting, updating, replacing and deleting documents in the source
 * at a steady rate on its own thread until stopped.
 */
final class DemoWriter implements AutoCloseable {

    private final MongoClient client;
    private final DemoData data;
    private final int opsPerSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final Thread thread;
    private volatile RuntimeException failure;

    DemoWriter(MongoClient client, DemoData data, int opsPerSecond) {
        this.client = client;
        this.data = data;
        this.opsPerSecond = opsPerSecond;
        this.thread = new Thread(this::run, "demo-writer");
        this.thread.setDaemon(true);
    }

    DemoWriter start() {
        thread.start();
        return this;
    }

    long operations() {
        return operations.get();
    }

    private void run() {
        Random random = new Random(7);
        long next = 1_000_000;
        long pauseNanos = 1_000_000_000L / Math.max(1, opsPerSecond);
        List<String> namespaces = DemoData.NAMESPACES;
        try {
            while (running.get()) {
                String namespace = namespaces.get(random.nextInt(namespaces.size()));
                MongoCollection<Document> collection = DemoData.collection(client, namespace);
                long count = collection.estimatedDocumentCount();
                Document victim =
                        count == 0
                                ? null
                                : collection
                                        .find()
                                        .skip(random.nextInt((int) Math.min(count, 5_000)))
                                        .first();
                int op = random.nextInt(10);
                if (victim == null || op < 4) {
                    collection.insertOne(data.document(namespace, next++));
                } else if (op < 7) {
                    collection.updateOne(
                            Filters.eq("_id", victim.get("_id")),
                            Updates.combine(
                                    Updates.set("demo.updated", random.nextInt(1000)),
                                    Updates.inc("demo.version", 1)));
                } else if (op < 8) {
                    Document replacement = data.document(namespace, next++);
                    replacement.put("_id", victim.get("_id"));
                    if (victim.containsKey("email")) {
                        replacement.put("email", victim.get("email"));
                    }
                    collection.replaceOne(Filters.eq("_id", victim.get("_id")), replacement);
                } else {
                    collection.deleteOne(Filters.eq("_id", victim.get("_id")));
                }
                operations.incrementAndGet();
                Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops writing and waits for the last operation to finish. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException(
                    "the demo writer failed: " + failure.getMessage(), failure);
        }
    }
}
