package io.dsync.mongoserver.changestream;

import static io.dsync.mongoserver.changestream.ChangeEventsTest.assertError;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.batch;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.cursorId;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.doc;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.operationTypes;
import static io.dsync.mongoserver.changestream.ChangeStreamHarness.token;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Resume a Change Stream" (MongoDB manual, https://www.mongodb.com/docs/v7.0/changeStreams/):
 * resumeAfter, startAfter, startAtOperationTime, postBatchResumeToken, and history lost.
 */
class ChangeStreamResumeTest {

    private final ChangeStreamHarness h = new ChangeStreamHarness();

    @Test
    void resumeAfterAnEventDeliversExactlyTheLaterEvents() {
        Document open = h.aggregate("db", "c", doc());
        for (int i = 0; i < 5; i++) {
            h.insert("db", "c", doc("_id", i));
        }
        List<Document> events = batch(h.getMore(open));
        Document resumed = h.aggregate("db", "c", doc("resumeAfter", events.get(1).get("_id")));
        assertThat(batch(resumed))
                .extracting(e -> e.get("documentKey"))
                .containsExactly(doc("_id", 2), doc("_id", 3), doc("_id", 4));
        Document started = h.aggregate("db", "c", doc("startAfter", events.get(4).get("_id")));
        assertThat(batch(started)).isEmpty();
    }

    @Test
    void startAtOperationTimeIsInclusive() {
        Document open = h.aggregate("db", "c", doc());
        h.insert("db", "c", doc("_id", 1));
        h.insert("db", "c", doc("_id", 2));
        Document second = batch(h.getMore(open)).get(1);
        Document reply =
                h.aggregate("db", "c", doc("startAtOperationTime", second.get("clusterTime")));
        assertThat(batch(reply)).extracting(e -> e.get("_id")).containsExactly(second.get("_id"));
    }

    @Test
    void postBatchResumeTokenAdvancesWhileIdleAndResumesExactly() {
        Document open = h.aggregate("db", "watched", doc());
        Document first = token(open);
        h.insert("db", "other", doc("_id", 1)); // not seen by the stream, but time passes
        Document idle = h.getMore(open);
        assertThat(batch(idle)).isEmpty();
        Document advanced = token(idle);
        assertThat(data(advanced)).isGreaterThan(data(first));

        h.insert("db", "watched", doc("_id", 2));
        Document resumed = h.aggregate("db", "watched", doc("resumeAfter", advanced));
        assertThat(batch(resumed))
                .extracting(e -> e.get("documentKey"))
                .containsExactly(doc("_id", 2));
        // The original stream sees the same single event.
        assertThat(batch(h.getMore(open)))
                .extracting(e -> e.get("documentKey"))
                .containsExactly(doc("_id", 2));
    }

    @Test
    void resumingFromEveryBatchTokenLosesAndRepeatsNothing() {
        Document open = h.aggregate("db", 1, doc(), doc("$match", doc("ns.coll", "a")));
        List<Object> seen = new ArrayList<>();
        Document reply = open;
        int next = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 7; i++, next++) {
                h.insert("db", next % 3 == 0 ? "b" : "a", doc("_id", next));
            }
            // Reopen from the last token each round, reading in batches of 4.
            reply =
                    h.aggregateWithCursor(
                            "db",
                            1,
                            doc("resumeAfter", token(reply)),
                            doc("batchSize", 4),
                            doc("$match", doc("ns.coll", "a")));
            batch(reply).forEach(e -> seen.add(((Document) e.get("documentKey")).get("_id")));
        }
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < next; i++) {
            if (i % 3 != 0) {
                expected.add(i);
            }
        }
        assertThat(seen).hasSizeLessThan(expected.size()); // batches of 4 leave a backlog
        // Drain the rest through one stream, resumed from the last token.
        Document rest =
                h.aggregate(
                        "db",
                        1,
                        doc("resumeAfter", token(reply)),
                        doc("$match", doc("ns.coll", "a")));
        batch(rest).forEach(e -> seen.add(((Document) e.get("documentKey")).get("_id")));
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void batchSizeLimitsFirstBatchAndGetMore() {
        Document open = h.aggregate("db", "c", doc());
        for (int i = 0; i < 10; i++) {
            h.insert("db", "c", doc("_id", i));
        }
        BsonTimestamp first = (BsonTimestamp) batch(h.getMore(open)).get(0).get("clusterTime");
        Document from = doc("startAtOperationTime", first);

        Document empty = h.aggregateWithCursor("db", "c", from, doc("batchSize", 0));
        assertThat(batch(empty)).isEmpty();
        // Nothing was read: the token stands just before the start time.
        assertThat(token(empty))
                .isEqualTo(ResumeToken.highWaterMark(first.getValue() - 1).toDocument());
        assertThat(batch(h.getMore(empty))).hasSize(10);

        Document three = h.aggregateWithCursor("db", "c", from, doc("batchSize", 3));
        assertThat(batch(three)).hasSize(3);
        assertThat(token(three)).isEqualTo(batch(three).get(2).get("_id"));
        Document four = h.getMore(three, 4, 0L);
        assertThat(batch(four))
                .extracting(e -> e.get("documentKey"))
                .containsExactly(doc("_id", 3), doc("_id", 4), doc("_id", 5), doc("_id", 6));
        assertThat(batch(h.getMore(four))).hasSize(3);
        assertThat(batch(h.aggregate("db", "c", from))).hasSize(10); // default first batch: 101
    }

    @Test
    void invalidateTokensResumeOnlyWithStartAfter() {
        Document open = h.aggregate("db", "c", doc());
        h.insert("db", "c", doc("_id", 1));
        h.drop("db", "c");
        h.insert("db", "c", doc("_id", 2));
        List<Document> events = batch(h.getMore(open));
        Document drop = events.get(1).get("_id") instanceof Document d ? d : null;
        Document invalidate = (Document) events.get(2).get("_id");

        assertError(() -> h.aggregate("db", "c", doc("resumeAfter", invalidate)), 260);
        Document started = h.aggregate("db", "c", doc("startAfter", invalidate));
        assertThat(operationTypes(started)).containsExactly("insert");
        assertThat(cursorId(started)).isNotZero();
        // Resuming after the drop itself gives the invalidate again.
        Document afterDrop = h.aggregate("db", "c", doc("resumeAfter", drop));
        assertThat(operationTypes(afterDrop)).containsExactly("invalidate");
        assertThat(cursorId(afterDrop)).isZero();
    }

    @Test
    void anEventTokenThatMatchesNoEntryFails() {
        Document open = h.aggregate("db", "c", doc());
        h.insert("db", "c", doc("_id", 1));
        long time = ((BsonTimestamp) batch(h.getMore(open)).get(0).get("clusterTime")).getValue();
        Document bogus = ResumeToken.event(time + 1000).toDocument();
        assertError(() -> h.aggregate("db", "c", doc("resumeAfter", bogus)), 280);
    }

    @Test
    void resumePointsOlderThanTheRetainedOplogAreLost() {
        ChangeStreamHarness small = new ChangeStreamHarness(3);
        Document open = small.aggregate("db", "c", doc());
        small.insert("db", "c", doc("_id", 0)); // create + insert
        List<Document> events = batch(small.getMore(open));
        Document firstEvent = (Document) events.get(0).get("_id");
        BsonTimestamp firstTime = (BsonTimestamp) events.get(0).get("clusterTime");
        // Four more entries: the oplog keeps the last three, so the entry after the open
        // cursor's position is gone too.
        for (int i = 1; i <= 4; i++) {
            small.insert("db", "c", doc("_id", i));
        }
        assertError(() -> small.aggregate("db", "c", doc("resumeAfter", firstEvent)), 286);
        assertError(() -> small.aggregate("db", "c", doc("startAtOperationTime", firstTime)), 286);
        assertError(
                () -> small.aggregate("db", "c", doc("startAtOperationTime", new BsonTimestamp(1))),
                286);
        // The open cursor has fallen behind the retained window too, and is then closed.
        assertError(() -> small.getMore(open), 286);
        assertThat(small.commands.handles("db", "getMore", doc("getMore", cursorId(open))))
                .isFalse();
    }

    private static String data(Document token) {
        return (String) token.get("_data");
    }
}
