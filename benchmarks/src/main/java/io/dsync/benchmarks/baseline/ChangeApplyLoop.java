package io.dsync.benchmarks.baseline;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * Baseline for change apply: one thread reads the database's change stream with {@code
 * fullDocument: updateLookup} and applies each event as it comes (insert, update, replace →
 * replace-with-upsert of the looked-up document; delete → delete by {@code _id}). Stops on SIGTERM
 * and saves its resume token to {@code TOKEN_FILE}; starts after the token in that file when there
 * is one.
 *
 * @see <a
 *     href="https://www.mongodb.com/docs/manual/changeStreams/#lookup-full-document-for-update-operations">
 *     Lookup full document for update operations</a>
 */
final class ChangeApplyLoop {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private ChangeApplyLoop() {}

    static void main(String[] args) throws Exception {
        String database = args[2];
        Path tokenFile = Path.of(args[3]);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stop.set(true);
                                    try {
                                        stopped.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                }));
        long applied = 0;
        BsonDocument token = null;
        try (MongoClient source = MongoClients.create(args[0]);
                MongoClient destination = MongoClients.create(args[1])) {
            var stream =
                    source.getDatabase(database)
                            .watch(List.of(), RawBsonDocument.class)
                            .fullDocument(FullDocument.UPDATE_LOOKUP);
            if (Files.exists(tokenFile)) {
                stream = stream.resumeAfter(BsonDocument.parse(Files.readString(tokenFile)));
            }
            try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> cursor =
                    stream.cursor()) {
                System.out.println("watching " + database);
                System.out.flush();
                while (!stop.get()) {
                    ChangeStreamDocument<RawBsonDocument> event = cursor.tryNext();
                    if (event == null) {
                        continue;
                    }
                    apply(destination, event);
                    applied++;
                    token = event.getResumeToken();
                }
                BsonDocument last = cursor.getResumeToken();
                if (last != null) {
                    token = last;
                }
            }
            if (token != null) {
                Files.writeString(tokenFile, token.toJson());
            }
            ResultLine.print(Map.of("applied", applied));
        } finally {
            stopped.countDown();
        }
    }

    private static void apply(
            MongoClient destination, ChangeStreamDocument<RawBsonDocument> event) {
        if (event.getNamespace() == null || event.getDocumentKey() == null) {
            return; // drop, rename...: none in the benchmark's load
        }
        MongoCollection<RawBsonDocument> collection =
                destination
                        .getDatabase(event.getNamespace().getDatabaseName())
                        .getCollection(
                                event.getNamespace().getCollectionName(), RawBsonDocument.class);
        switch (event.getOperationType()) {
            case INSERT, UPDATE, REPLACE -> {
                RawBsonDocument document = event.getFullDocument();
                if (document != null) { // null: deleted since; its delete event follows
                    collection.replaceOne(event.getDocumentKey(), document, UPSERT);
                }
            }
            case DELETE -> collection.deleteOne(event.getDocumentKey());
            default -> {}
        }
    }
}
