package io.dsync.mongoserver.changestream;

import static io.dsync.mongoserver.changestream.ChangeStreamEvents.take;
import static io.dsync.mongoserver.changestream.ChangeStreamEvents.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every write path gives the change event MongoDB documents for it, seen through the official
 * driver over TCP. Imitates "Change Events"
 * (https://www.mongodb.com/docs/v7.0/reference/change-events/) and its pages per event type
 * (insert, update, replace, delete, drop, rename, dropDatabase, invalidate), and "Change Streams" →
 * "Watch a Collection, Database, or Deployment".
 */
class ChangeStreamWritePathsITCase {

    private static ChangeStreamTestServer server;

    private MongoDatabase db;
    private MongoCollection<Document> coll;

    @BeforeAll
    static void start() {
        server = new ChangeStreamTestServer(ChangeStreams.DEFAULT_RETAINED_ENTRIES);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void database(TestInfo test) {
        db = server.client().getDatabase(test.getTestMethod().orElseThrow().getName());
        coll = db.getCollection("c");
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<Document>> watch() {
        return coll.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor();
    }

    /** "Change Events" → insert event. */
    @Test
    void insertOneAndInsertMany() {
        try (var cursor = watch()) {
            coll.insertOne(new Document("_id", 1).append("a", "x"));
            coll.insertMany(List.of(new Document("_id", 2), new Document("_id", 3)));
            List<ChangeStreamDocument<Document>> events = take(cursor, 3);
            assertThat(types(events)).containsExactly("insert", "insert", "insert");
            ChangeStreamDocument<Document> first = events.get(0);
            assertThat(first.getFullDocument()).isEqualTo(new Document("_id", 1).append("a", "x"));
            assertThat(first.getDocumentKey()).isEqualTo(new BsonDocument("_id", new BsonInt32(1)));
            assertThat(first.getNamespace()).isEqualTo(new MongoNamespace(db.getName(), "c"));
            assertThat(first.getClusterTime()).isNotNull();
            assertThat(first.getWallTime()).isNotNull();
            assertThat(events.get(2).getClusterTime())
                    .isGreaterThan(events.get(1).getClusterTime());
        }
    }

    /** "Change Events" → update event: updateDescription with updated and removed fields. */
    @Test
    void updateOneAndUpdateManyDescribeTheChange() {
        coll.insertMany(
                List.of(
                        new Document("_id", 1).append("a", 1).append("gone", true),
                        new Document("_id", 2).append("a", 1).append("n", new Document("x", 1))));
        try (var cursor = watch()) {
            coll.updateOne(
                    Filters.eq("_id", 1),
                    Updates.combine(Updates.set("a", 2), Updates.unset("gone")));
            coll.updateMany(Filters.exists("n"), Updates.set("n.x", 5));
            List<ChangeStreamDocument<Document>> events = take(cursor, 2);
            assertThat(types(events)).containsExactly("update", "update");
            var first = events.get(0).getUpdateDescription();
            assertThat(first.getUpdatedFields()).isEqualTo(BsonDocument.parse("{a: 2}"));
            assertThat(first.getRemovedFields()).containsExactly("gone");
            assertThat(first.getTruncatedArrays()).isEmpty();
            assertThat(events.get(0).getFullDocument()).isNull();
            assertThat(events.get(1).getUpdateDescription().getUpdatedFields())
                    .isEqualTo(BsonDocument.parse("{'n.x': 5}"));
        }
    }

    /** "Change Events" → replace event. */
    @Test
    void replaceOneIsAReplace() {
        coll.insertOne(new Document("_id", 1).append("a", 1));
        try (var cursor = watch()) {
            coll.replaceOne(Filters.eq("_id", 1), new Document("b", 2));
            ChangeStreamDocument<Document> event = take(cursor, 1).get(0);
            assertThat(event.getOperationTypeString()).isEqualTo("replace");
            assertThat(event.getFullDocument()).isEqualTo(new Document("_id", 1).append("b", 2));
            assertThat(event.getUpdateDescription()).isNull();
        }
    }

    /** "Change Events" → delete event. */
    @Test
    void deleteOneAndDeleteMany() {
        coll.insertMany(
                List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        try (var cursor = watch()) {
            coll.deleteOne(Filters.eq("_id", 1));
            coll.deleteMany(Filters.in("_id", 2, 3));
            List<ChangeStreamDocument<Document>> events = take(cursor, 3);
            assertThat(types(events)).containsExactly("delete", "delete", "delete");
            assertThat(events)
                    .extracting(e -> e.getDocumentKey().getInt32("_id").getValue())
                    .containsExactly(1, 2, 3);
            assertThat(events.get(0).getFullDocument()).isNull();
        }
    }

    /** findAndModify is an update, replace or delete like any other ("Change Events"). */
    @Test
    void findOneAndUpdateReplaceDelete() {
        coll.insertOne(new Document("_id", 1).append("v", 1));
        try (var cursor = watch()) {
            coll.findOneAndUpdate(Filters.eq("_id", 1), Updates.inc("v", 1));
            coll.findOneAndReplace(Filters.eq("_id", 1), new Document("w", 1));
            coll.findOneAndDelete(Filters.eq("_id", 1));
            List<ChangeStreamDocument<Document>> events = take(cursor, 3);
            assertThat(types(events)).containsExactly("update", "replace", "delete");
            assertThat(events.get(0).getUpdateDescription().getUpdatedFields())
                    .isEqualTo(BsonDocument.parse("{v: 2}"));
            assertThat(events.get(1).getFullDocument())
                    .isEqualTo(new Document("_id", 1).append("w", 1));
        }
    }

    /** A bulk write gives one event per changed document, in order; upserts are inserts. */
    @Test
    void bulkWriteAndUpserts() {
        coll.insertOne(new Document("_id", 1));
        try (var cursor = watch()) {
            coll.bulkWrite(
                    List.of(
                            new InsertOneModel<>(new Document("_id", 2)),
                            new UpdateOneModel<>(Filters.eq("_id", 1), Updates.set("a", 1)),
                            new ReplaceOneModel<>(Filters.eq("_id", 2), new Document("b", 1)),
                            new DeleteOneModel<>(Filters.eq("_id", 1))));
            coll.updateOne(
                    Filters.eq("_id", 3), Updates.set("u", 1), new UpdateOptions().upsert(true));
            coll.replaceOne(
                    Filters.eq("_id", 4), new Document("r", 1), new ReplaceOptions().upsert(true));
            List<ChangeStreamDocument<Document>> events = take(cursor, 6);
            assertThat(types(events))
                    .containsExactly("insert", "update", "replace", "delete", "insert", "insert");
            assertThat(events.get(4).getFullDocument())
                    .isEqualTo(new Document("_id", 3).append("u", 1));
            assertThat(events.get(5).getFullDocument())
                    .isEqualTo(new Document("_id", 4).append("r", 1));
        }
    }

    /** "Change Events" → drop event, then invalidate; the cursor then closes. */
    @Test
    void dropInvalidatesACollectionStream() {
        coll.insertOne(new Document("_id", 1));
        try (var cursor = watch()) {
            coll.drop();
            List<ChangeStreamDocument<Document>> events = take(cursor, 2);
            assertThat(types(events)).containsExactly("drop", "invalidate");
            assertThat(events.get(0).getNamespace())
                    .isEqualTo(new MongoNamespace(db.getName(), "c"));
            assertThat(cursor.getServerCursor()).isNull();
        }
    }

    /** "Change Events" → rename event (with its destination), then invalidate. */
    @Test
    void renameInvalidatesACollectionStream() {
        coll.insertOne(new Document("_id", 1));
        try (var cursor = watch()) {
            coll.renameCollection(new MongoNamespace(db.getName(), "renamed"));
            List<ChangeStreamDocument<Document>> events = take(cursor, 2);
            assertThat(types(events)).containsExactly("rename", "invalidate");
            assertThat(events.get(0).getDestinationNamespace())
                    .isEqualTo(new MongoNamespace(db.getName(), "renamed"));
        }
    }

    /** "Change Events" → dropDatabase event; a database stream is invalidated by it. */
    @Test
    void databaseWatchSeesItsCollectionsAndDropDatabase() {
        coll.insertOne(new Document("_id", 0));
        try (var cursor = db.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertOne(new Document("_id", 1));
            db.getCollection("other").insertOne(new Document("_id", 2));
            server.client().getDatabase("unrelated").getCollection("x").insertOne(new Document());
            db.drop();
            List<ChangeStreamDocument<Document>> events = take(cursor, 6);
            assertThat(types(events))
                    .containsExactly(
                            "insert", "insert", "drop", "drop", "dropDatabase", "invalidate");
            assertThat(events).extracting(e -> e.getDatabaseName()).first().isEqualTo(db.getName());
            assertThat(events.get(4).getNamespace()).isNull(); // ns: {db} only
            assertThat(events.get(4).getDatabaseName()).isEqualTo(db.getName());
        }
    }

    /**
     * "Change Streams" → watch a deployment, with a $match on ns ("Modify Change Stream Output").
     */
    @Test
    void clientWatchWithMatchOnNamespace() {
        var pipeline =
                List.of(
                        new Document(
                                "$match",
                                new Document("ns.db", db.getName())
                                        .append(
                                                "operationType",
                                                new Document("$in", List.of("insert", "delete")))));
        try (var cursor =
                server.client().watch(pipeline).maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
            server.client()
                    .getDatabase("elsewhere")
                    .getCollection("x")
                    .insertOne(new Document("_id", 9));
            coll.insertOne(new Document("_id", 1));
            coll.updateOne(Filters.eq("_id", 1), Updates.set("a", 1));
            db.getCollection("second").insertOne(new Document("_id", 2));
            coll.deleteOne(Filters.eq("_id", 1));
            List<ChangeStreamDocument<Document>> events = take(cursor, 3);
            assertThat(types(events)).containsExactly("insert", "insert", "delete");
            assertThat(events)
                    .extracting(e -> e.getNamespace().getCollectionName())
                    .containsExactly("c", "second", "c");
        }
    }

    /** "Change Streams" → "Lookup Full Document for Update Operations". */
    @Test
    void updateLookupGivesTheCurrentDocumentOrNull() {
        coll.insertOne(new Document("_id", 1).append("v", 1));
        try (var cursor =
                coll.watch()
                        .fullDocument(FullDocument.UPDATE_LOOKUP)
                        .maxAwaitTime(100, TimeUnit.MILLISECONDS)
                        .cursor()) {
            coll.updateOne(Filters.eq("_id", 1), Updates.set("v", 2));
            ChangeStreamDocument<Document> update = take(cursor, 1).get(0);
            assertThat(update.getFullDocument()).isEqualTo(new Document("_id", 1).append("v", 2));

            coll.updateOne(Filters.eq("_id", 1), Updates.set("v", 3));
            coll.deleteOne(Filters.eq("_id", 1));
            List<ChangeStreamDocument<Document>> events = take(cursor, 2);
            assertThat(types(events)).containsExactly("update", "delete");
            assertThat(events.get(0).getFullDocument()).isNull(); // gone when the event is read
        }
    }
}
