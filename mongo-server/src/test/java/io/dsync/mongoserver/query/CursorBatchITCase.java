package io.dsync.mongoserver.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cursor batches as MongoDB cuts them: first batch 101 documents unless batchSize says otherwise,
 * later batches up to 16 MiB, so no reply exceeds the 48 MB message limit. MongoDB manual, "Cursor
 * Batches" (https://www.mongodb.com/docs/manual/core/cursors/#cursor-batches).
 */
class CursorBatchITCase {

    private static final int DOCUMENTS = 60_000;
    private static final int MIB_16 = 16 * 1024 * 1024;

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.changeStreams(false));
        client = MongoClients.create(server.connectionString());
        database = client.getDatabase("batches");
        MongoCollection<Document> collection = database.getCollection("kb");
        String padding = "x".repeat(1000);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(new Document("_id", i).append("pad", padding));
            if (batch.size() == 10_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    // 60k documents of 1 KB (about 60 MB) read without batchSize: the driver iterates them all
    @Test
    void driverReadsEverythingWithoutBatchSize() {
        long count = 0;
        long idSum = 0;
        try (MongoCursor<RawBsonDocument> cursor =
                database.getCollection("kb", RawBsonDocument.class).find().iterator()) {
            while (cursor.hasNext()) {
                idSum += cursor.next().getInt32("_id").getValue();
                count++;
            }
        }
        assertThat(count).isEqualTo(DOCUMENTS);
        assertThat(idSum).isEqualTo((long) DOCUMENTS * (DOCUMENTS - 1) / 2);
    }

    // First batch: 101 documents by default; getMore without batchSize: up to 16 MiB
    @Test
    void firstBatchIs101AndGetMoreBatchesStayUnder16MiB() {
        BsonDocument first =
                database.runCommand(new Document("find", "kb"), BsonDocument.class)
                        .getDocument("cursor");
        assertThat(first.getArray("firstBatch")).hasSize(101);
        long cursorId = first.getInt64("id").getValue();
        assertThat(cursorId).isNotZero();

        int seen = 101;
        while (cursorId != 0) {
            RawBsonDocument reply =
                    database.runCommand(
                            new Document("getMore", cursorId).append("collection", "kb"),
                            RawBsonDocument.class);
            assertThat(reply.getByteBuffer().remaining()).isLessThan(48_000_000);
            BsonDocument cursor = reply.getDocument("cursor");
            int batchBytes = 0;
            for (var document : cursor.getArray("nextBatch")) {
                batchBytes +=
                        new RawBsonDocument(
                                        document.asDocument(),
                                        new org.bson.codecs.BsonDocumentCodec())
                                .getByteBuffer()
                                .remaining();
            }
            assertThat(batchBytes).isLessThanOrEqualTo(MIB_16);
            seen += cursor.getArray("nextBatch").size();
            cursorId = cursor.getInt64("id").getValue();
        }
        assertThat(seen).isEqualTo(DOCUMENTS);
    }

    // batchSize sets the first batch and each getMore batch
    @Test
    void batchSizeIsHonoured() {
        BsonDocument first =
                database.runCommand(
                                new Document("find", "kb").append("batchSize", 7),
                                BsonDocument.class)
                        .getDocument("cursor");
        assertThat(first.getArray("firstBatch")).hasSize(7);
        BsonDocument next =
                database.runCommand(
                                new Document("getMore", first.getInt64("id").getValue())
                                        .append("collection", "kb")
                                        .append("batchSize", 13),
                                BsonDocument.class)
                        .getDocument("cursor");
        assertThat(next.getArray("nextBatch")).hasSize(13);
        database.runCommand(
                new Document("killCursors", "kb")
                        .append("cursors", List.of(first.getInt64("id").getValue())));
    }

    // A result that fits the first batch closes the cursor (id 0); limit and skip apply
    @Test
    void smallResultsCloseTheCursor() {
        BsonDocument first =
                database.runCommand(
                                new Document("find", "kb")
                                        .append(
                                                "filter",
                                                new Document("_id", new Document("$lt", 50)))
                                        .append("skip", 10)
                                        .append("limit", 30),
                                BsonDocument.class)
                        .getDocument("cursor");
        assertThat(first.getArray("firstBatch")).hasSize(30);
        assertThat(first.getArray("firstBatch").get(0).asDocument().getInt32("_id").getValue())
                .isEqualTo(10);
        assertThat(first.getInt64("id").getValue()).isZero();
    }

    // aggregate results are batched the same way
    @Test
    void aggregateIsBatched() {
        Document lowIds = new Document("$match", new Document("_id", new Document("$lt", 500)));
        BsonDocument first =
                database.runCommand(
                                new Document("aggregate", "kb")
                                        .append("pipeline", List.of(lowIds))
                                        .append("cursor", new Document()),
                                BsonDocument.class)
                        .getDocument("cursor");
        assertThat(first.getArray("firstBatch")).hasSize(101);
        assertThat(first.getInt64("id").getValue()).isNotZero();
        assertThat(
                        database.getCollection("kb")
                                .aggregate(List.of(lowIds))
                                .batchSize(50)
                                .into(new ArrayList<>()))
                .hasSize(500);
    }
}
