package io.dsync.mongoserver.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Change events over 16 MB through the official driver over TCP: BSONObjectTooLarge without {@code
 * $changeStreamSplitLargeEvent}, fragments with it, resuming from a fragment's token, and a server
 * configured as a version without the stage
 * (https://www.mongodb.com/docs/manual/reference/operator/aggregation/changeStreamSplitLargeEvent/).
 */
class LargeChangeEventsITCase {

    /** Under the 16 MiB document limit; twice it (document and update) is over the event limit. */
    private static final int BIG = 9 * 1024 * 1024;

    private static final List<Document> SPLIT =
            List.of(new Document("$changeStreamSplitLargeEvent", new Document()));

    @Test
    void anEventOver16MbFailsTheGetMoreWithoutTheStage() {
        try (EmbeddedMongoServer server = MongoTestServers.startEmbedded(b -> {});
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> coll = client.getDatabase("big").getCollection("c");
            try (var cursor = watch(coll, List.of())) {
                coll.insertOne(new Document("_id", 1).append("big", "a".repeat(BIG)));
                assertThat(cursor.next().getOperationType().getValue()).isEqualTo("insert");
                coll.updateOne(Filters.eq("_id", 1), Updates.set("big", "b".repeat(BIG)));
                assertThatThrownBy(cursor::next)
                        .isInstanceOfSatisfying(
                                MongoServerException.class,
                                e -> assertThat(e.getCode()).isEqualTo(10334))
                        .hasMessageContaining("BSONObj size")
                        .hasMessageContaining("16793600");
            }
        }
    }

    @Test
    void theStageSplitsAnOversizedEventIntoFragmentsThatResumeInTheMiddle() {
        try (EmbeddedMongoServer server = MongoTestServers.startEmbedded(b -> {});
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> coll = client.getDatabase("big").getCollection("c");
            List<ChangeStreamDocument<Document>> events = new ArrayList<>();
            try (var cursor = watch(coll, SPLIT)) {
                insertAndUpdateBig(coll);
                coll.insertOne(new Document("_id", 2));
                for (int i = 0; i < 4; i++) {
                    events.add(cursor.next());
                }
            }
            assertThat(events.get(0).getSplitEvent()).as("the insert fits").isNull();
            ChangeStreamDocument<Document> first = events.get(1);
            ChangeStreamDocument<Document> second = events.get(2);
            assertThat(first.getSplitEvent().getFragment()).isEqualTo(1);
            assertThat(first.getSplitEvent().getOf()).isEqualTo(2);
            assertThat(second.getSplitEvent().getFragment()).isEqualTo(2);
            // Smallest fields first: the first fragment carries the event's context.
            assertThat(first.getOperationType().getValue()).isEqualTo("update");
            assertThat(first.getDocumentKey()).isEqualTo(BsonDocument.parse("{_id: 1}"));
            assertThat(first.getFullDocument() != null ^ second.getFullDocument() != null)
                    .as("fullDocument in exactly one fragment")
                    .isTrue();
            assertThat(first.getUpdateDescription() != null ^ second.getUpdateDescription() != null)
                    .isTrue();
            assertThat(first.getResumeToken()).isNotEqualTo(second.getResumeToken());
            assertThat(events.get(3).getDocumentKey()).isEqualTo(BsonDocument.parse("{_id: 2}"));

            // "A stream resumed from a fragment's token starts with the next fragment; from the
            // last fragment's token, with the next event."
            try (var resumed = watch(coll, SPLIT, first.getResumeToken())) {
                ChangeStreamDocument<Document> next = resumed.next();
                assertThat(next.getSplitEvent().getFragment()).isEqualTo(2);
                assertThat(next.getResumeToken()).isEqualTo(second.getResumeToken());
                assertThat(resumed.next().getDocumentKey())
                        .isEqualTo(BsonDocument.parse("{_id: 2}"));
            }
            try (var resumed = watch(coll, SPLIT, second.getResumeToken())) {
                assertThat(resumed.next().getDocumentKey())
                        .isEqualTo(BsonDocument.parse("{_id: 2}"));
            }
        }
    }

    @Test
    void theStageMustBeLastAndIsUnknownToOlderServers() {
        try (EmbeddedMongoServer server = MongoTestServers.startEmbedded(b -> {});
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> coll = client.getDatabase("big").getCollection("c");
            List<Document> notLast =
                    List.of(SPLIT.get(0), new Document("$match", new Document("x", 1)));
            assertThatThrownBy(() -> watch(coll, notLast).close())
                    .isInstanceOf(MongoCommandException.class)
                    .hasMessageContaining("must be the last stage");
        }
        try (EmbeddedMongoServer older =
                        MongoTestServers.startEmbedded(b -> b.splitLargeChangeEvents(false));
                MongoClient client = MongoClients.create(older.connectionString())) {
            MongoCollection<Document> coll = client.getDatabase("big").getCollection("c");
            assertThatThrownBy(() -> watch(coll, SPLIT).close())
                    .isInstanceOfSatisfying(
                            MongoCommandException.class,
                            e -> assertThat(e.getCode()).isEqualTo(40324))
                    .hasMessageContaining("$changeStreamSplitLargeEvent");
        }
    }

    /** Inserts {_id: 1, big: BIG bytes}, then sets big to another BIG string: a ~2 x BIG event. */
    private static void insertAndUpdateBig(MongoCollection<Document> coll) {
        coll.insertOne(new Document("_id", 1).append("big", "a".repeat(BIG)));
        coll.updateOne(Filters.eq("_id", 1), Updates.set("big", "b".repeat(BIG)));
    }

    private static MongoChangeStreamCursor<ChangeStreamDocument<Document>> watch(
            MongoCollection<Document> coll, List<Document> pipeline) {
        return watch(coll, pipeline, null);
    }

    private static MongoChangeStreamCursor<ChangeStreamDocument<Document>> watch(
            MongoCollection<Document> coll, List<Document> pipeline, BsonDocument resumeAfter) {
        var watch =
                coll.watch(pipeline)
                        .fullDocument(FullDocument.UPDATE_LOOKUP)
                        .maxAwaitTime(100, TimeUnit.MILLISECONDS);
        if (resumeAfter != null) {
            watch = watch.resumeAfter(resumeAfter);
        }
        return watch.cursor();
    }
}
