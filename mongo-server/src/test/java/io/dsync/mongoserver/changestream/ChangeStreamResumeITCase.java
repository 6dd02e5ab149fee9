package io.dsync.mongoserver.changestream;

import static io.dsync.mongoserver.changestream.ChangeStreamEvents.take;
import static io.dsync.mongoserver.changestream.ChangeStreamEvents.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Resuming, batch tokens, waiting getMores and lost history through the official driver over TCP.
 * Imitates "Resume a Change Stream"
 * (https://www.mongodb.com/docs/v7.0/changeStreams/#resume-a-change-stream) and "$changeStream
 * (aggregation)" (https://www.mongodb.com/docs/v7.0/reference/operator/aggregation/changeStream/).
 */
class ChangeStreamResumeITCase {

    private static final int RETAINED = 20;
    private static ChangeStreamTestServer server;

    private MongoCollection<Document> coll;

    @BeforeAll
    static void start() {
        server = new ChangeStreamTestServer(RETAINED);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void collection(TestInfo test) {
        coll =
                server.client()
                        .getDatabase(test.getTestMethod().orElseThrow().getName())
                        .getCollection("c");
    }

    /** "Resume a Change Stream" → resumeAfter. */
    @Test
    void resumeAfterAnEvent() {
        BsonDocument token;
        try (var cursor = coll.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertMany(List.of(new Document("_id", 1), new Document("_id", 2)));
            token = take(cursor, 1).get(0).getResumeToken();
        }
        coll.insertOne(new Document("_id", 3));
        try (var resumed =
                coll.watch().resumeAfter(token).maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
            assertThat(take(resumed, 2))
                    .extracting(e -> e.getDocumentKey().getInt32("_id").getValue())
                    .containsExactly(2, 3);
        }
    }

    /** "Resume a Change Stream" → startAfter (after an invalidate), and resumeAfter refusing it. */
    @Test
    void startAfterAnInvalidateOpensANewStream() {
        coll.insertOne(new Document("_id", 0));
        BsonDocument invalidate;
        try (var cursor = coll.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
            coll.drop();
            List<ChangeStreamDocument<Document>> events = take(cursor, 2);
            assertThat(types(events)).containsExactly("drop", "invalidate");
            invalidate = events.get(1).getResumeToken();
        }
        coll.insertOne(new Document("_id", 1));
        try (var started =
                coll.watch()
                        .startAfter(invalidate)
                        .maxAwaitTime(100, TimeUnit.MILLISECONDS)
                        .cursor()) {
            ChangeStreamDocument<Document> event = take(started, 1).get(0);
            assertThat(event.getOperationTypeString()).isEqualTo("insert");
            assertThat(event.getDocumentKey().getInt32("_id").getValue()).isEqualTo(1);
        }
        assertThatThrownBy(() -> coll.watch().resumeAfter(invalidate).cursor())
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(260));
    }

    /** "$changeStream" → startAtOperationTime (inclusive). */
    @Test
    void startAtOperationTimeIncludesThatTime() {
        ChangeStreamDocument<Document> second;
        try (var cursor = coll.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertMany(
                    List.of(
                            new Document("_id", 1),
                            new Document("_id", 2),
                            new Document("_id", 3)));
            second = take(cursor, 3).get(1);
        }
        try (var cursor =
                coll.watch()
                        .startAtOperationTime(second.getClusterTime())
                        .maxAwaitTime(100, TimeUnit.MILLISECONDS)
                        .cursor()) {
            assertThat(take(cursor, 2))
                    .extracting(e -> e.getDocumentKey().getInt32("_id").getValue())
                    .containsExactly(2, 3);
        }
    }

    /**
     * "Resume a Change Stream": the postBatchResumeToken of an empty batch moves forward while the
     * watched collection is idle, and resuming from it gives exactly the later events.
     */
    @Test
    void postBatchResumeTokenAdvancesWhileIdle() {
        BsonDocument idleToken;
        try (var cursor = coll.watch().maxAwaitTime(50, TimeUnit.MILLISECONDS).cursor()) {
            assertThat(cursor.tryNext()).isNull();
            BsonDocument before = cursor.getResumeToken();
            server.client().getDatabase("elsewhere").getCollection("x").insertOne(new Document());
            assertThat(cursor.tryNext()).isNull();
            idleToken = cursor.getResumeToken();
            assertThat(idleToken.getString("_data").getValue())
                    .isGreaterThan(before.getString("_data").getValue());
        }
        coll.insertOne(new Document("_id", "after"));
        try (var resumed =
                coll.watch()
                        .resumeAfter(idleToken)
                        .maxAwaitTime(50, TimeUnit.MILLISECONDS)
                        .cursor()) {
            assertThat(take(resumed, 1).get(0).getDocumentKey().getString("_id").getValue())
                    .isEqualTo("after");
            assertThat(resumed.tryNext()).isNull();
        }
    }

    /**
     * "$changeStream": a getMore waits up to maxAwaitTimeMS for an event, rather than return empty.
     */
    @Test
    void anAwaitingGetMoreReturnsTheEventThatArrivesWhileItWaits() throws Exception {
        try (var cursor = coll.watch().maxAwaitTime(20, TimeUnit.SECONDS).cursor()) {
            CompletableFuture<Void> writer =
                    CompletableFuture.runAsync(
                            () -> {
                                sleep(300);
                                coll.insertOne(new Document("_id", "late"));
                            });
            // One tryNext is one getMore: it gets the event only if the server waited for it.
            ChangeStreamDocument<Document> event = cursor.tryNext();
            writer.get(10, TimeUnit.SECONDS);
            assertThat(event).isNotNull();
            assertThat(event.getDocumentKey().getString("_id").getValue()).isEqualTo("late");
        }
    }

    /**
     * "Resume a Change Stream": a resume point no longer in the (here {@value #RETAINED}-entry)
     * oplog gives ChangeStreamHistoryLost, on a new stream and on an open cursor left behind.
     */
    @Test
    void historyLostWhenTheOplogHasMovedOn() {
        try (var behind = coll.watch().maxAwaitTime(50, TimeUnit.MILLISECONDS).cursor()) {
            coll.insertOne(new Document("_id", 0));
            BsonDocument old = take(behind, 1).get(0).getResumeToken();
            for (int i = 1; i <= RETAINED + 5; i++) {
                coll.insertOne(new Document("_id", i));
            }
            assertThatThrownBy(() -> coll.watch().resumeAfter(old).cursor())
                    .isInstanceOfSatisfying(
                            MongoCommandException.class,
                            e -> {
                                assertThat(e.getErrorCode()).isEqualTo(286);
                                assertThat(e.getErrorCodeName())
                                        .isEqualTo("ChangeStreamHistoryLost");
                            });
            assertThatThrownBy(behind::tryNext)
                    .isInstanceOfSatisfying(
                            MongoException.class, e -> assertThat(e.getCode()).isEqualTo(286));
        }
    }

    /** "$changeStream" batchSize: the first batch and later batches hold at most that many. */
    @Test
    void batchSizeLimitsEachBatch() {
        ChangeStreamDocument<Document> first;
        try (var cursor = coll.watch().maxAwaitTime(50, TimeUnit.MILLISECONDS).cursor()) {
            for (int i = 0; i < 7; i++) {
                coll.insertOne(new Document("_id", i));
            }
            first = take(cursor, 7).get(0);
        }
        try (var cursor =
                coll.watch()
                        .startAtOperationTime(first.getClusterTime())
                        .batchSize(3)
                        .maxAwaitTime(50, TimeUnit.MILLISECONDS)
                        .cursor()) {
            assertThat(cursor.available()).isEqualTo(3);
            assertThat(take(cursor, 7))
                    .extracting(e -> e.getDocumentKey().getInt32("_id").getValue())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
