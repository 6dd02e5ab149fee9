package io.dsync.benchmarks.baseline;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Baseline (b): a hand-tuned copy without Flink. Every collection is cut into {@code _id} ranges
 * (boundaries found by paging the {@code _id} index); {@code readers} threads read ranges with
 * {@code min}/{@code max} on the {@code _id} index (correct across mixed {@code _id} types, unlike
 * {@code $gte}/{@code $lt}), hand batches of 1,000 raw documents through a bounded queue to {@code
 * writers} threads that write them with unordered {@code insertMany}.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/method/cursor.min/">cursor.min()</a>
 */
final class DriverCopyPipeline {

    static final int RANGES_PER_READER = 4;
    private static final BsonDocument ID_INDEX = new BsonDocument("_id", new BsonInt32(1));

    private DriverCopyPipeline() {}

    /** One {@code _id} range of a collection; null bounds are open. */
    private record Range(String collection, BsonValue min, BsonValue max) {}

    /** A batch on its way to a writer; an empty one tells a writer to stop. */
    private record Batch(String collection, List<RawBsonDocument> documents) {}

    static void main(String[] args) throws Exception {
        String database = args[2];
        int readers = Integer.parseInt(args[3]);
        int writers = Integer.parseInt(args[4]);
        AtomicLong copied = new AtomicLong();
        try (MongoClient source = MongoClients.create(args[0]);
                MongoClient destination = MongoClients.create(args[1])) {
            ConcurrentLinkedQueue<Range> ranges =
                    new ConcurrentLinkedQueue<>(plan(source, database, readers));
            BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(writers * 2);
            ExecutorService pool = Executors.newFixedThreadPool(readers + writers);
            List<Future<?>> readerTasks = new ArrayList<>();
            List<Future<?>> writerTasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                writerTasks.add(
                        pool.submit(
                                () -> {
                                    write(destination, database, queue, copied);
                                    return null;
                                }));
            }
            for (int i = 0; i < readers; i++) {
                readerTasks.add(
                        pool.submit(
                                () -> {
                                    read(source, database, ranges, queue);
                                    return null;
                                }));
            }
            for (Future<?> task : readerTasks) {
                task.get();
            }
            for (int i = 0; i < writers; i++) {
                queue.put(new Batch(null, List.of()));
            }
            for (Future<?> task : writerTasks) {
                task.get();
            }
            pool.shutdown();
        }
        ResultLine.print(Map.of("documents", copied.get()));
    }

    /** Ranges of about equal document counts, {@code RANGES_PER_READER * readers} in all. */
    private static List<Range> plan(MongoClient client, String database, int readers) {
        List<String> names = new ArrayList<>();
        client.getDatabase(database).listCollectionNames().into(names);
        long total = 0;
        List<Long> counts = new ArrayList<>();
        for (String name : names) {
            long count = client.getDatabase(database).getCollection(name).estimatedDocumentCount();
            counts.add(count);
            total += count;
        }
        long perRange = Math.max(1, total / ((long) readers * RANGES_PER_READER));
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            MongoCollection<RawBsonDocument> collection =
                    client.getDatabase(database).getCollection(names.get(i), RawBsonDocument.class);
            BsonValue lower = null;
            for (long skip = perRange; skip < counts.get(i); skip += perRange) {
                RawBsonDocument boundary =
                        collection
                                .find()
                                .projection(Projections.include("_id"))
                                .sort(ID_INDEX)
                                .hint(ID_INDEX)
                                .skip((int) skip)
                                .limit(1)
                                .first();
                if (boundary == null) {
                    break;
                }
                BsonValue upper = boundary.get("_id");
                ranges.add(new Range(names.get(i), lower, upper));
                lower = upper;
            }
            ranges.add(new Range(names.get(i), lower, null));
        }
        return ranges;
    }

    private static void read(
            MongoClient client,
            String database,
            ConcurrentLinkedQueue<Range> ranges,
            BlockingQueue<Batch> queue)
            throws InterruptedException {
        Range range;
        while ((range = ranges.poll()) != null) {
            FindIterable<RawBsonDocument> find =
                    client.getDatabase(database)
                            .getCollection(range.collection(), RawBsonDocument.class)
                            .find()
                            .hint(ID_INDEX)
                            .batchSize(DriverCopyLoop.FIND_BATCH);
            if (range.min() != null) {
                find = find.min(new BsonDocument("_id", range.min()));
            }
            if (range.max() != null) {
                find = find.max(new BsonDocument("_id", range.max()));
            }
            List<RawBsonDocument> batch = new ArrayList<>(DriverCopyLoop.INSERT_BATCH);
            try (MongoCursor<RawBsonDocument> cursor = find.iterator()) {
                while (cursor.hasNext()) {
                    batch.add(cursor.next());
                    if (batch.size() == DriverCopyLoop.INSERT_BATCH) {
                        queue.put(new Batch(range.collection(), batch));
                        batch = new ArrayList<>(DriverCopyLoop.INSERT_BATCH);
                    }
                }
            }
            if (!batch.isEmpty()) {
                queue.put(new Batch(range.collection(), batch));
            }
        }
    }

    private static void write(
            MongoClient client, String database, BlockingQueue<Batch> queue, AtomicLong copied)
            throws InterruptedException {
        InsertManyOptions unordered = new InsertManyOptions().ordered(false);
        while (true) {
            Batch batch = queue.take();
            if (batch.documents().isEmpty()) {
                return;
            }
            client.getDatabase(database)
                    .getCollection(batch.collection(), RawBsonDocument.class)
                    .insertMany(batch.documents(), unordered);
            copied.addAndGet(batch.documents().size());
        }
    }
}
