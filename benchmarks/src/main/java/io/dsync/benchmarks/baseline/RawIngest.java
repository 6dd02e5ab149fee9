package io.dsync.benchmarks.baseline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.InsertManyOptions;
import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.benchmarks.data.DataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.RawBsonDocument;

/**
 * Baseline (c), for context: the destination's ingest alone. Builds every document first (not
 * timed), then {@code writers} threads write them with unordered {@code insertMany} of 1,000; the
 * result is the insert phase's time.
 */
final class RawIngest {

    private RawIngest() {}

    private record Batch(String collection, List<RawBsonDocument> documents) {}

    static void main(String[] args) throws Exception {
        String uri = args[0];
        DataSet data =
                new DataSet(
                        args[1],
                        Long.parseLong(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
        int writers = Integer.parseInt(args[5]);
        BenchDocuments documents = data.generator();
        ConcurrentLinkedQueue<Batch> batches = new ConcurrentLinkedQueue<>();
        for (int c = 0; c < data.collections(); c++) {
            List<RawBsonDocument> batch = new ArrayList<>(DriverCopyLoop.INSERT_BATCH);
            for (long seq = 0; seq < data.documentsIn(c); seq++) {
                batch.add(documents.document(c, seq));
                if (batch.size() == DriverCopyLoop.INSERT_BATCH) {
                    batches.add(new Batch(BenchDocuments.collectionName(c), batch));
                    batch = new ArrayList<>(DriverCopyLoop.INSERT_BATCH);
                }
            }
            if (!batch.isEmpty()) {
                batches.add(new Batch(BenchDocuments.collectionName(c), batch));
            }
        }
        InsertManyOptions unordered = new InsertManyOptions().ordered(false);
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase("admin").runCommand(new org.bson.Document("ping", 1));
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                tasks.add(
                        pool.submit(
                                () -> {
                                    Batch batch;
                                    while ((batch = batches.poll()) != null) {
                                        client.getDatabase(data.database())
                                                .getCollection(
                                                        batch.collection(), RawBsonDocument.class)
                                                .insertMany(batch.documents(), unordered);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            ResultLine.print(Map.of("documents", data.documents(), "insertSeconds", seconds));
        }
    }
}
