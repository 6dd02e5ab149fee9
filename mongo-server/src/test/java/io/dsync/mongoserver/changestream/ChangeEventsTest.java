package io.dsync.mongoserver.changestream;

import static io.dsync.mongoserver.changestream.ChangeStreamHarness.batch;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.cursorId;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.doc;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.operationTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.WriteListener.UpdateKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Event documents as in "Change Events" (MongoDB manual,
 * https://www.mongodb.com/docs/v7.0/reference/change-events/), and the scopes and stages of "Change
 * Streams" → "Watch a Collection, Database, or Deployment" / "Modify Change Stream Output".
 */
class ChangeEventsTest {

    private final ChangeStreamHarness h = new ChangeStreamHarness();

    @Test
    void crudEventsOfACollectionStream() {
        Document open = h.aggregate("db", "c", doc());
        h.insert("db", "c", doc("_id", 1, "a", 1));
        h.update("db", "c", doc("_id", 1, "a", 2, "b", 1), UpdateKind.UPDATE);
        h.update("db", "c", doc("_id", 1, "z", 0), UpdateKind.REPLACE);
        h.delete("db", "c", 1);
        h.insert("db", "other", doc("_id", 2));

        List<Document> events = batch(h.getMore(open));
        assertThat(events)
                .extracting(e -> e.get("operationType"))
                .containsExactly("insert", "update", "replace", "delete");
        Document insert = events.get(0);
        assertThat(insert.keySet())
                .containsExactly(
                        "_id",
                        "operationType",
                        "clusterTime",
                        "wallTime",
                        "fullDocument",
                        "ns",
                        "documentKey");
        assertThat(insert.get("fullDocument")).isEqualTo(doc("_id", 1, "a", 1));
        assertThat(insert.get("ns")).isEqualTo(doc("db", "db", "coll", "c"));
        assertThat(insert.get("documentKey")).isEqualTo(doc("_id", 1));
        assertThat(insert.get("clusterTime")).isInstanceOf(BsonTimestamp.class);
        assertThat(insert.get("wallTime")).isInstanceOf(Instant.class);
        assertThat((Document) insert.get("_id")).containsOnlyKeys("_data");

        Document update = events.get(1);
        assertThat(update.keySet())
                .containsExactly(
                        "_id",
                        "operationType",
                        "clusterTime",
                        "wallTime",
                        "ns",
                        "documentKey",
                        "updateDescription");
        assertThat(update.get("updateDescription"))
                .isEqualTo(
                        doc(
                                "updatedFields", doc("a", 2, "b", 1),
                                "removedFields", List.of(),
                                "truncatedArrays", List.of()));
        assertThat(events.get(2).get("fullDocument")).isEqualTo(doc("_id", 1, "z", 0));
        assertThat(events.get(3).keySet())
                .containsExactly(
                        "_id", "operationType", "clusterTime", "wallTime", "ns", "documentKey");

        List<Long> times =
                events.stream()
                        .map(e -> ((BsonTimestamp) e.get("clusterTime")).getValue())
                        .toList();
        assertThat(times).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anUpdateThatChangesNothingIsNoEvent() {
        h.insert("db", "c", doc("_id", 1, "a", 1));
        Document open = h.aggregate("db", "c", doc());
        h.update("db", "c", doc("_id", 1, "a", 1), UpdateKind.UPDATE);
        assertThat(batch(h.getMore(open))).isEmpty();
    }

    @Test
    void updateLookupReturnsTheCurrentDocumentOrNull() {
        h.insert("db", "c", doc("_id", 1, "v", 1));
        Document open = h.aggregate("db", "c", doc("fullDocument", "updateLookup"));
        h.update("db", "c", doc("_id", 1, "v", 2), UpdateKind.UPDATE);
        h.update("db", "c", doc("_id", 1, "v", 3), UpdateKind.UPDATE);
        List<Document> events = batch(h.getMore(open));
        // Both events show the document as it is when they are returned ("Lookup Full Document").
        assertThat(events)
                .extracting(e -> e.get("fullDocument"))
                .containsExactly(doc("_id", 1, "v", 3), doc("_id", 1, "v", 3));

        h.update("db", "c", doc("_id", 1, "v", 4), UpdateKind.UPDATE);
        h.delete("db", "c", 1);
        events = batch(h.getMore(open));
        assertThat(events.get(0).containsKey("fullDocument")).isTrue();
        assertThat(events.get(0).get("fullDocument")).isNull();
    }

    @Test
    void postImagesAreNotRecorded() {
        h.insert("db", "c", doc("_id", 1, "v", 1));
        Document whenAvailable = h.aggregate("db", "c", doc("fullDocument", "whenAvailable"));
        Document required = h.aggregate("db", "c", doc("fullDocument", "required"));
        h.update("db", "c", doc("_id", 1, "v", 2), UpdateKind.UPDATE);
        Document event = batch(h.getMore(whenAvailable)).get(0);
        assertThat(event.containsKey("fullDocument")).isTrue();
        assertThat(event.get("fullDocument")).isNull();
        assertError(() -> h.getMore(required), 47);
        assertThat(h.commands.handles("db", "getMore", doc("getMore", cursorId(required))))
                .isFalse();
    }

    @Test
    void dropOfTheWatchedCollectionInvalidatesAndClosesTheCursor() {
        Document open = h.aggregate("db", "c", doc());
        h.insert("db", "c", doc("_id", 1));
        h.drop("db", "c");
        h.insert("db", "c", doc("_id", 2));
        Document reply = h.getMore(open);
        assertThat(operationTypes(reply)).containsExactly("insert", "drop", "invalidate");
        assertThat(batch(reply).get(1).get("ns")).isEqualTo(doc("db", "db", "coll", "c"));
        assertThat(batch(reply).get(2).keySet())
                .containsExactly("_id", "operationType", "clusterTime", "wallTime");
        assertThat(cursorId(reply)).isZero();
        assertThat(ChangeStreamHarness.token(reply)).isEqualTo(batch(reply).get(2).get("_id"));
        assertThat(h.commands.handles("db", "getMore", doc("getMore", cursorId(open)))).isFalse();
    }

    @Test
    void renameInvalidatesStreamsOnEitherName() {
        h.insert("db", "from", doc("_id", 1));
        Document onSource = h.aggregate("db", "from", doc());
        Document onTarget = h.aggregate("db", "to", doc());
        Document onDatabase = h.aggregate("db", 1, doc());
        h.listener.onRenameCollection("db", "from", "db", "to");

        Document source = h.getMore(onSource);
        assertThat(operationTypes(source)).containsExactly("rename", "invalidate");
        assertThat(batch(source).get(0).get("to")).isEqualTo(doc("db", "db", "coll", "to"));
        assertThat(operationTypes(h.getMore(onTarget))).containsExactly("rename", "invalidate");
        Document database = h.getMore(onDatabase);
        assertThat(operationTypes(database)).containsExactly("rename");
        assertThat(cursorId(database)).isNotZero();
    }

    @Test
    void dropDatabaseDropsEachCollectionThenInvalidatesTheDatabaseStream() {
        h.insert("db", "a", doc("_id", 1));
        h.insert("db", "b", doc("_id", 1));
        Document onDatabase = h.aggregate("db", 1, doc());
        Document onCluster = h.aggregate("admin", 1, doc("allChangesForCluster", true));
        Document onCollection = h.aggregate("db", "a", doc());
        h.listener.onDropDatabase("db");

        Document database = h.getMore(onDatabase);
        assertThat(operationTypes(database))
                .containsExactly("drop", "drop", "dropDatabase", "invalidate");
        assertThat(batch(database).get(2).get("ns")).isEqualTo(doc("db", "db"));
        assertThat(cursorId(database)).isZero();
        Document cluster = h.getMore(onCluster);
        assertThat(operationTypes(cluster)).containsExactly("drop", "drop", "dropDatabase");
        assertThat(cursorId(cluster)).isNotZero();
        assertThat(operationTypes(h.getMore(onCollection))).containsExactly("drop", "invalidate");
    }

    @Test
    void aDropAlreadyReportedIsNotRepeatedByDropDatabase() {
        h.insert("db", "a", doc("_id", 1));
        Document onDatabase = h.aggregate("db", 1, doc());
        h.drop("db", "a");
        h.listener.onDropDatabase("db");
        assertThat(operationTypes(h.getMore(onDatabase)))
                .containsExactly("drop", "dropDatabase", "invalidate");
    }

    @Test
    void expandedEventsOnlyWhenAskedFor() {
        Document plain = h.aggregate("db", "c", doc());
        Document expanded = h.aggregate("db", "c", doc("showExpandedEvents", true));
        h.insert("db", "c", doc("_id", 1));
        h.listener.onCreateCollection("db", "c", doc("create", "c")); // already created: ignored
        h.listener.onCreateIndexes("db", "c", List.of(doc("key", doc("a", 1), "name", "a_1")));
        assertThat(operationTypes(h.getMore(plain))).containsExactly("insert");
        List<Document> events = batch(h.getMore(expanded));
        assertThat(events)
                .extracting(e -> e.get("operationType"))
                .containsExactly("create", "insert", "createIndexes");
        assertThat(events.get(0).get("collectionUUID")).isInstanceOf(UUID.class);
        assertThat(events.get(2).get("collectionUUID"))
                .isEqualTo(events.get(0).get("collectionUUID"));
        assertThat(events.get(2).get("operationDescription"))
                .isEqualTo(doc("indexes", List.of(doc("key", doc("a", 1), "name", "a_1"))));
    }

    @Test
    void databaseAndClusterStreamsSeeTheirScopeOnly() {
        Document onDatabase = h.aggregate("db", 1, doc());
        Document onCluster = h.aggregate("admin", 1, doc("allChangesForCluster", true));
        h.insert("db", "a", doc("_id", 1));
        h.insert("other", "b", doc("_id", 2));
        h.insert("db", "system.views", doc("_id", 3));
        h.insert("local", "x", doc("_id", 4));
        assertThat(batch(h.getMore(onDatabase)))
                .extracting(e -> e.get("ns"))
                .containsExactly(doc("db", "db", "coll", "a"));
        assertThat(batch(h.getMore(onCluster)))
                .extracting(e -> e.get("ns"))
                .containsExactly(doc("db", "db", "coll", "a"), doc("db", "other", "coll", "b"));
        assertThat(ChangeStreamHarness.cursor(onDatabase).get("ns")).isEqualTo("db.$cmd.aggregate");
        assertThat(ChangeStreamHarness.cursor(onCluster).get("ns"))
                .isEqualTo("admin.$cmd.aggregate");
    }

    @Test
    void matchAndProjectStagesApplyToEvents() {
        Document open =
                h.aggregate(
                        "admin",
                        1,
                        doc("allChangesForCluster", true),
                        doc(
                                "$match",
                                doc(
                                        "$or",
                                        List.of(
                                                doc(
                                                        "ns.db",
                                                        "db",
                                                        "ns.coll",
                                                        doc("$in", List.of("a", "b"))),
                                                doc("operationType", "delete")))),
                        doc("$project", doc("operationType", 1, "ns", 1)));
        h.insert("db", "a", doc("_id", 1));
        h.insert("db", "b", doc("_id", 2));
        h.insert("db", "c", doc("_id", 3));
        h.delete("db", "c", 3);
        List<Document> events = batch(h.getMore(open));
        assertThat(events)
                .extracting(e -> e.get("operationType"))
                .containsExactly("insert", "insert", "delete");
        assertThat(events.get(0).keySet()).containsExactly("_id", "operationType", "ns");
    }

    @Test
    void aStageThatChangesTheResumeTokenFailsTheStream() {
        Document open = h.aggregate("db", "c", doc(), doc("$project", doc("_id", 0)));
        h.insert("db", "c", doc("_id", 1));
        assertError(() -> h.getMore(open), 280);
    }

    @Test
    void invalidSpecificationsFailLikeMongoDb() {
        assertError(() -> h.aggregate("db", "c", doc("bogus", 1)), 40415);
        assertError(() -> h.aggregate("db", "c", doc("fullDocument", "bogus")), 2);
        assertError(() -> h.aggregate("db", "c", doc(), doc("$group", doc("_id", null))), 20);
        assertError(() -> h.aggregate("admin", 1, doc()), 73);
        assertError(() -> h.aggregate("db", 1, doc("allChangesForCluster", true)), 72);
        assertError(() -> h.aggregate("db", "system.users", doc()), 73);
        assertError(() -> h.aggregate("db", "c", doc("startAtOperationTime", 5)), 14);
        Document token = ChangeStreamHarness.token(h.aggregate("db", "c", doc()));
        assertError(
                () ->
                        h.aggregate(
                                "db",
                                "c",
                                doc(
                                        "resumeAfter",
                                        token,
                                        "startAtOperationTime",
                                        new BsonTimestamp(1))),
                40674);
    }

    static void assertError(Runnable action, int code) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        MongoServerError.class, e -> assertThat(e.getCode()).isEqualTo(code));
    }
}
