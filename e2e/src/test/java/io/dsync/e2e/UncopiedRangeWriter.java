package io.dsync.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * The application of a crash test, writing to the source on its own thread while dsync copies,
 * crashes, resumes and follows it: it updates, replaces, deletes and re-inserts documents of the
 * upper half of each collection's seeded {@code _id}s (the ranges the copy reaches last, so many
 * change before they are copied, and again while dsync is down) and inserts new documents after
 * them, about a hundred operations a second, until stopped. Given a rolling collection, it also
 * creates that collection with its first write and then, with every operation, inserts a document
 * into it and deletes its oldest but {@value #ROLLING_KEPT}, like an application's event log.
 */
final class UncopiedRangeWriter implements AutoCloseable {

    private final MongoClient client;
    private final String database;
    private final List<String> collections;
    private final int seeded;
    private static final int ROLLING_KEPT = 100;
    private String rolling;
    private int rollingNext;
    private final Random random = new Random(16_012);
    private final List<Object[]> deleted = new ArrayList<>(); // {collection, _id}
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong operations = new AtomicLong();
    private int nextId;
    private Thread thread;
    private volatile Throwable failure;

    UncopiedRangeWriter(String sourceUri, String database, List<String> collections, int seeded) {
        this.client = MongoClients.create(sourceUri);
        this.database = database;
        this.collections = List.copyOf(collections);
        this.seeded = seeded;
        this.nextId = seeded;
    }

    /**
     * Seeds each collection with {@code perCollection} documents ({@code _id} 0, 1, ...) and two
     * secondary indexes with options.
     */
    static void seed(
            MongoClient client, String database, List<String> collections, int perCollection) {
        for (String name : collections) {
            MongoCollection<Document> collection = client.getDatabase(database).getCollection(name);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < perCollection; i++) {
                batch.add(document(i, "seeded"));
                if (batch.size() == 1_000) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
            collection.createIndex(Indexes.ascending("n"));
            collection.createIndex(
                    Indexes.compoundIndex(Indexes.ascending("email"), Indexes.descending("n")),
                    new IndexOptions().name("email_n").sparse(true));
        }
    }

    static Document document(int id, String origin) {
        return new Document("_id", id)
                .append("n", id)
                .append("email", "user" + id + "@example.com")
                .append("origin", origin)
                // ~2 KB: the copy's records must fill the pipeline's buffers long before its
                // end, so that a checkpoint completes with ranges still unread (a rate-limited
                // writer otherwise lets the readers read everything into buffers at once)
                .append("payload", "p".repeat(2_000 + id % 100))
                .append("tags", List.of("a", id % 7, new Document("k", id)));
    }

    /** Also writes the collection {@code name} of the database, from the next operation on. */
    synchronized UncopiedRangeWriter rolling(String name) {
        this.rolling = name;
        return this;
    }

    /** Starts writing on a background thread. */
    synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        thread = new Thread(this::loop, "uncopied-range-writer");
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
            throw new AssertionError("the writer failed", failure);
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
                    writeRolling();
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void writeRolling() {
        if (rolling == null) {
            return;
        }
        MongoCollection<Document> collection = client.getDatabase(database).getCollection(rolling);
        collection.insertOne(document(rollingNext++, "rolling"));
        collection.deleteOne(Filters.eq("_id", rollingNext - 1 - ROLLING_KEPT));
    }

    private void writeOne() {
        String name = collections.get(random.nextInt(collections.size()));
        MongoCollection<Document> collection = client.getDatabase(database).getCollection(name);
        int id = seeded / 2 + random.nextInt(seeded - seeded / 2);
        int op = random.nextInt(10);
        if (op < 3) {
            collection.updateOne(
                    Filters.eq("_id", id),
                    Updates.combine(Updates.inc("v", 1), Updates.set("touched", random.nextInt())));
        } else if (op < 5) {
            collection.replaceOne(Filters.eq("_id", id), document(id, "replaced"));
        } else if (op < 7) {
            if (collection.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1) {
                deleted.add(new Object[] {name, id});
            }
        } else if (op < 9 && !deleted.isEmpty()) {
            Object[] again = deleted.remove(random.nextInt(deleted.size()));
            client.getDatabase(database)
                    .getCollection((String) again[0])
                    .insertOne(document((Integer) again[1], "re-inserted"));
        } else {
            collection.insertOne(document(nextId++, "inserted"));
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
