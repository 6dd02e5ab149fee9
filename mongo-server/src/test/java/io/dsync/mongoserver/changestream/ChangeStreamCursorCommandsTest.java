package io.dsync.mongoserver.changestream;

import static io.dsync.mongoserver.changestream.ChangeEventsTest.assertError;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.batch;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.cursor;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.cursorId;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.doc;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * getMore and killCursors of change-stream cursors: reply shapes ("getMore", "killCursors" in the
 * MongoDB manual), awaitData ("Change Streams": a getMore waits up to maxAwaitTimeMS for events),
 * and which commands the interceptor takes.
 */
class ChangeStreamCursorCommandsTest {

    private final ChangeStreamHarness h = new ChangeStreamHarness();

    @Test
    void repliesAreShapedAsMongoDbs() {
        Document open = h.aggregate("db", "c", doc());
        assertThat(open.keySet()).containsExactly("cursor", "ok");
        assertThat(cursor(open).keySet())
                .containsExactly("id", "ns", "firstBatch", "postBatchResumeToken");
        assertThat(cursor(open).get("ns")).isEqualTo("db.c");
        assertThat(cursorId(open)).isPositive();
        Document more = h.getMore(open);
        assertThat(cursor(more).keySet())
                .containsExactly("id", "ns", "nextBatch", "postBatchResumeToken");
        assertThat(cursorId(more)).isEqualTo(cursorId(open));
    }

    @Test
    void handlesOnlyChangeStreamCommandsAndItsOwnCursors() {
        Document open = h.aggregate("db", "c", doc());
        long id = cursorId(open);
        assertThat(
                        h.commands.handles(
                                "db",
                                "aggregate",
                                doc("aggregate", "c", "pipeline", List.of(doc("$match", doc())))))
                .isFalse();
        assertThat(h.commands.handles("db", "find", doc("find", "c"))).isFalse();
        assertThat(h.commands.handles("db", "getMore", doc("getMore", id + 1, "collection", "c")))
                .isFalse();
        assertThat(h.commands.handles("db", "getMore", doc("getMore", id, "collection", "c")))
                .isTrue();
        assertThat(
                        h.commands.handles(
                                "db",
                                "killCursors",
                                doc("killCursors", "c", "cursors", List.of(7L))))
                .isFalse();

        Document killed = h.run("db", doc("killCursors", "c", "cursors", List.of(id, 7L)));
        assertThat(killed)
                .isEqualTo(
                        doc(
                                "cursorsKilled", List.of(id),
                                "cursorsNotFound", List.of(7L),
                                "cursorsAlive", List.of(),
                                "cursorsUnknown", List.of(),
                                "ok", 1.0));
        assertThat(h.commands.handles("db", "getMore", doc("getMore", id, "collection", "c")))
                .isFalse();
    }

    @Test
    void getMoreOnAnotherNamespaceIsRefused() {
        Document open = h.aggregate("db", "c", doc());
        assertError(() -> h.run("db", doc("getMore", cursorId(open), "collection", "other")), 13);
    }

    @Test
    void anAwaitingGetMoreReturnsWhenAnEventArrives() throws Exception {
        Document open = h.aggregate("db", "c", doc());
        CompletableFuture<Document> waiting =
                CompletableFuture.supplyAsync(() -> h.getMore(open, null, 30_000L));
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        h.insert("db", "other", doc("_id", 0)); // wakes the getMore, which finds nothing, waits on
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        h.insert("db", "c", doc("_id", 1));
        Document reply = waiting.get(10, TimeUnit.SECONDS);
        assertThat(batch(reply))
                .extracting(e -> e.get("documentKey"))
                .containsExactly(doc("_id", 1));
    }

    @Test
    void anAwaitingGetMoreReturnsAnEmptyBatchAfterTheWait() {
        Document open = h.aggregate("db", "c", doc());
        long start = System.nanoTime();
        Document reply = h.getMore(open, null, 300L);
        assertThat(System.nanoTime() - start)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(batch(reply)).isEmpty();
        assertThat(cursorId(reply)).isEqualTo(cursorId(open));
    }

    @Test
    void withoutMaxTimeMsAGetMoreWaitsMongoDbsDefaultSecond() {
        Document open = h.aggregate("db", "c", doc());
        long start = System.nanoTime();
        Document command = doc("getMore", cursorId(open), "collection", "c");
        assertThat(batch(h.run("db", command))).isEmpty();
        assertThat(System.nanoTime() - start)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
    }

    @Test
    void killingACursorEndsItsWaitingGetMore() throws Exception {
        Document open = h.aggregate("db", "c", doc());
        CompletableFuture<Document> waiting =
                CompletableFuture.supplyAsync(() -> h.getMore(open, null, 30_000L));
        Thread.sleep(200);
        h.run("db", doc("killCursors", "c", "cursors", List.of(cursorId(open))));
        assertThat(waiting)
                .failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("was killed");
    }

    @Test
    void closingTheClientConnectionKillsItsCursors() {
        EmbeddedChannel connection = new EmbeddedChannel();
        Document command =
                doc(
                        "aggregate", "c",
                        "pipeline", List.of(doc("$changeStream", doc())),
                        "cursor", doc());
        long id = cursorId(h.commands.handle(connection, "db", "aggregate", command));
        Document getMore = doc("getMore", id, "collection", "c");
        assertThat(h.commands.handles("db", "getMore", getMore)).isTrue();
        connection.close();
        assertThat(h.commands.handles("db", "getMore", getMore)).isFalse();
    }

    @Test
    void aLargeOplogIsReadFromTheCursorsPositionNotScanned() {
        ChangeStreamHarness big = new ChangeStreamHarness(300_000);
        Document open = big.aggregate("db", "c", doc());
        for (int i = 0; i < 250_000; i++) {
            big.insert("db", "noise", doc("_id", i));
        }
        // Catch up once (a scan of the new entries), then each getMore only looks at what is new.
        assertThat(batch(big.getMore(open))).isEmpty();
        for (int i = 0; i < 200; i++) {
            big.insert("db", "c", doc("_id", i));
            assertThat(batch(big.getMore(open))).hasSize(1);
        }
        Document token = (Document) cursor(big.getMore(open)).get("postBatchResumeToken");
        big.insert("db", "c", doc("_id", "last"));
        Document resumed = big.aggregate("db", "c", doc("resumeAfter", token));
        assertThat(batch(resumed))
                .extracting(e -> e.get("documentKey"))
                .containsExactly(doc("_id", "last"));
    }
}
