package io.dsync.benchmarks.baseline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.RawBsonDocument;

/**
 * Baseline (a): what a user writes first. One thread, collection after collection: {@code find}
 * with a large batch size, unordered {@code insertMany} of the raw documents, 1,000 at a time.
 */
final class DriverCopyLoop {

    static final int FIND_BATCH = 5000;
    static final int INSERT_BATCH = 1000;

    private DriverCopyLoop() {}

    static void main(String[] args) {
        String database = args[2];
        long copied = 0;
        try (MongoClient source = MongoClients.create(args[0]);
                MongoClient destination = MongoClients.create(args[1])) {
            List<String> names = new ArrayList<>();
            source.getDatabase(database).listCollectionNames().into(names);
            names.sort(null);
            InsertManyOptions unordered = new InsertManyOptions().ordered(false);
            for (String name : names) {
                MongoCollection<RawBsonDocument> target =
                        destination
                                .getDatabase(database)
                                .getCollection(name, RawBsonDocument.class);
                List<RawBsonDocument> batch = new ArrayList<>(INSERT_BATCH);
                try (MongoCursor<RawBsonDocument> cursor =
                        source.getDatabase(database)
                                .getCollection(name, RawBsonDocument.class)
                                .find()
                                .batchSize(FIND_BATCH)
                                .iterator()) {
                    while (cursor.hasNext()) {
                        batch.add(cursor.next());
                        if (batch.size() == INSERT_BATCH) {
                            target.insertMany(batch, unordered);
                            copied += batch.size();
                            batch = new ArrayList<>(INSERT_BATCH);
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    target.insertMany(batch, unordered);
                    copied += batch.size();
                }
            }
        }
        ResultLine.print(Map.of("documents", copied));
    }
}
