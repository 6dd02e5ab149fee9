package io.dsync.benchmarks.data;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.RawBsonDocument;

/** Writes a {@link DataSet} into a server with unordered {@code insertMany} batches. */
public final class Seeder {

    private static final int BATCH = 1000;

    private Seeder() {}

    /** Drops the database, then inserts every document, collections in parallel on two threads. */
    public static void seed(MongoClient client, DataSet data) throws Exception {
        client.getDatabase(data.database()).drop();
        BenchDocuments documents = data.generator();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < data.collections(); c++) {
                int collection = c;
                done.add(
                        pool.submit(
                                () -> {
                                    insert(client, data, documents, collection);
                                    return null;
                                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void insert(
            MongoClient client, DataSet data, BenchDocuments documents, int collection) {
        MongoCollection<RawBsonDocument> target =
                client.getDatabase(data.database())
                        .getCollection(
                                BenchDocuments.collectionName(collection), RawBsonDocument.class);
        List<RawBsonDocument> batch = new ArrayList<>(BATCH);
        long count = data.documentsIn(collection);
        for (long seq = 0; seq < count; seq++) {
            batch.add(documents.document(collection, seq));
            if (batch.size() == BATCH) {
                target.insertMany(batch, new InsertManyOptions().ordered(false));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            target.insertMany(batch, new InsertManyOptions().ordered(false));
        }
    }

    /** Documents in every collection of the database. */
    public static long count(MongoClient client, String database) {
        long total = 0;
        for (String name : client.getDatabase(database).listCollectionNames()) {
            total += client.getDatabase(database).getCollection(name).countDocuments();
        }
        return total;
    }

    /** A cheap count (collection metadata) of every collection of the database. */
    public static long estimatedCount(MongoClient client, String database) {
        long total = 0;
        for (String name : client.getDatabase(database).listCollectionNames()) {
            total += client.getDatabase(database).getCollection(name).estimatedDocumentCount();
        }
        return total;
    }
}
