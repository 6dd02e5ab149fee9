package io.dsync.job.migrate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * An application writing to the source on its own thread: inserts (with mixed {@code _id} types),
 * updates, replaces and deletes of random documents, until closed.
 */
final class SourceWriter implements AutoCloseable {

    private final MongoClient client;
    private final List<String> namespaces;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final Random random;
    private final Thread thread;
    private volatile Throwable failure;
    private long next;

    SourceWriter(MongoClient client, List<String> namespaces, long seed) {
        this.client = client;
        this.namespaces = namespaces;
        this.random = new Random(seed);
        this.next = (seed + 1) * 100_000_000L;
        this.thread = new Thread(this::loop, "source-writer");
    }

    SourceWriter start() {
        thread.start();
        return this;
    }

    long operations() {
        return operations.get();
    }

    private void loop() {
        try {
            while (running.get()) {
                writeOne();
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Writes {@code n} random operations on the calling thread. */
    void write(int n) {
        for (int i = 0; i < n; i++) {
            writeOne();
        }
    }

    private void writeOne() {
        String namespace = namespaces.get(random.nextInt(namespaces.size()));
        int dot = namespace.indexOf('.');
        MongoCollection<Document> collection =
                client.getDatabase(namespace.substring(0, dot))
                        .getCollection(namespace.substring(dot + 1));
        long count = collection.estimatedDocumentCount();
        Document victim =
                count == 0
                        ? null
                        : collection
                                .find()
                                .skip(random.nextInt((int) Math.min(count, 5_000)))
                                .first();
        int op = random.nextInt(10);
        if (victim == null || op < 3) {
            collection.insertOne(new Document("_id", newId()).append("v", 0).append("tag", "new"));
        } else if (op < 6) {
            collection.updateOne(
                    Filters.eq("_id", victim.get("_id")),
                    Updates.combine(Updates.inc("v", 1), Updates.set("touched", random.nextInt())));
        } else if (op < 8) {
            collection.replaceOne(
                    Filters.eq("_id", victim.get("_id")),
                    new Document("replaced", true).append("n", random.nextLong()));
        } else {
            collection.deleteOne(Filters.eq("_id", victim.get("_id")));
        }
        operations.incrementAndGet();
    }

    private Object newId() {
        long n = next++;
        switch ((int) (n % 5)) {
            case 0:
                return new ObjectId();
            case 1:
                return "w" + n;
            case 2:
                return n;
            case 3:
                return new Decimal128(n);
            default:
                return new Document("w", n);
        }
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join(30_000);
        if (failure != null) {
            throw new AssertionError("the source writer failed", failure);
        }
    }
}
