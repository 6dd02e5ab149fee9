package io.dsync.connectors.source.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChangeStreamReaderITCase {

    @RegisterExtension static final MongoTestServers servers = MongoTestServers.create();

    private static final ChangeStreamOptions OPTIONS =
            ChangeStreamOptions.builder().batchSize(3).maxAwaitTime(Duration.ofMillis(200)).build();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private MongoClient client;
    private String db1;
    private String db2;
    private String unselected;
    private NamespaceFilter filter;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(servers.sourceUri());
        db1 = uniqueDatabase("it_cs_a");
        db2 = uniqueDatabase("it_cs_b");
        unselected = uniqueDatabase("it_cs_x");
        filter = NamespaceFilter.of(List.of(db1, db2), List.of());
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            for (String db : List.of(db1, db2, unselected)) {
                client.getDatabase(db).drop();
            }
            client.close();
        }
    }

    @Test
    void readsDocumentAndDdlEventsAcrossDatabasesAndResumesFromAToken() {
        ChangeStreamPosition start = ChangeStreamStart.capture(client);
        BsonDocument doc =
                new BsonDocument("_id", new BsonInt32(1))
                        .append("neg", new BsonDouble(-0.0))
                        .append("s", new BsonString("x"));
        MongoCollection<RawBsonDocument> orders = collection(db1, "orders");
        orders.insertOne(raw(doc));
        collection(unselected, "noise").insertOne(raw(new BsonDocument("_id", new BsonInt32(9))));
        orders.updateOne(Filters.eq("_id", 1), Updates.set("v", 2));
        orders.replaceOne(Filters.eq("_id", 1), raw(new BsonDocument("_id", new BsonInt32(1))));
        orders.insertOne(raw(new BsonDocument("_id", new BsonInt32(2))));
        // Looked up after the delete: no document, so the update is only progress.
        orders.updateOne(Filters.eq("_id", 2), Updates.set("v", 3));
        orders.deleteOne(Filters.eq("_id", 2));
        collection(db1, "gone").insertOne(raw(new BsonDocument("_id", new BsonString("g"))));
        collection(db1, "gone").drop();
        collection(db1, "old").insertOne(raw(new BsonDocument("_id", new BsonString("o"))));
        client.getDatabase(db1)
                .getCollection("old")
                .renameCollection(new com.mongodb.MongoNamespace(db1, "new"));
        collection(db2, "c").insertOne(raw(new BsonDocument("_id", new BsonInt32(2))));
        client.getDatabase(db2).drop();

        List<ChangeStreamEvent> events;
        try (ChangeStreamReader reader = new ChangeStreamReader(client, filter, start, OPTIONS)) {
            events = pollUntil(reader, e -> isDdl(e, DdlEvent.Kind.DROP_DATABASE));
            assertThat(reader.position()).isEqualTo(events.get(events.size() - 1).position());
        }
        List<String> described = describe(events);
        assertThat(described)
                .startsWith(
                        "INSERT " + db1 + ".orders",
                        "UPDATE " + db1 + ".orders",
                        "REPLACE " + db1 + ".orders",
                        "INSERT " + db1 + ".orders",
                        "DELETE " + db1 + ".orders",
                        "INSERT " + db1 + ".gone",
                        "DROP " + db1 + ".gone",
                        "INSERT " + db1 + ".old",
                        "RENAME " + db1 + ".old -> " + db1 + ".new",
                        "INSERT " + db2 + ".c")
                .contains("DROP " + db2 + ".c")
                .endsWith("DROP_DATABASE " + db2)
                .noneMatch(s -> s.contains(unselected));

        ChangeRecord insert = documents(events).get(0);
        assertThat(insert.document()).isEqualTo(IdKey.bytesOf(raw(doc)));
        assertThat(insert.key())
                .isEqualTo(IdKey.bytesOf(raw(new BsonDocument("_id", new BsonInt32(1)))));
        assertThat(insert.clusterTime()).isPositive();
        ChangeRecord update = documents(events).get(1);
        assertThat(update.kind()).isEqualTo(ChangeRecord.Kind.UPDATE);
        assertThat(update.document())
                .as("updateLookup gives the current document")
                .isEqualTo(IdKey.bytesOf(raw(new BsonDocument("_id", new BsonInt32(1)))));

        // Resuming from the token of the third element gives exactly the elements after it.
        List<ChangeStreamEvent> nonHeartbeats =
                events.stream().filter(e -> e.type() != ChangeStreamEvent.Type.HEARTBEAT).toList();
        ChangeStreamPosition third = nonHeartbeats.get(2).position();
        try (ChangeStreamReader reader = new ChangeStreamReader(client, filter, third, OPTIONS)) {
            List<ChangeStreamEvent> resumed =
                    pollUntil(reader, e -> isDdl(e, DdlEvent.Kind.DROP_DATABASE));
            assertThat(describe(resumed))
                    .containsExactlyElementsOf(
                            describe(nonHeartbeats.subList(3, nonHeartbeats.size())));
        }
    }

    @Test
    void heartbeatsAdvanceAnIdleStream() {
        collection(db1, "c").insertOne(raw(new BsonDocument("_id", new BsonInt32(1))));
        ChangeStreamPosition start = ChangeStreamStart.capture(client);
        try (ChangeStreamReader reader = new ChangeStreamReader(client, filter, start, OPTIONS)) {
            reader.poll();
            ChangeStreamPosition before = reader.position();
            for (int i = 0; i < 5; i++) {
                collection(unselected, "noise")
                        .insertOne(raw(new BsonDocument("_id", new BsonInt32(i))));
            }
            List<ChangeStreamEvent> events =
                    pollUntil(reader, e -> e.type() == ChangeStreamEvent.Type.HEARTBEAT);
            assertThat(events).allMatch(e -> e.type() == ChangeStreamEvent.Type.HEARTBEAT);
            assertThat(reader.position()).isNotEqualTo(before);

            // The advanced position holds: resuming there sees only later events.
            collection(db1, "c").insertOne(raw(new BsonDocument("_id", new BsonInt32(2))));
            try (ChangeStreamReader resumed =
                    new ChangeStreamReader(client, filter, reader.position(), OPTIONS)) {
                List<ChangeStreamEvent> later =
                        pollUntil(resumed, e -> e.type() == ChangeStreamEvent.Type.DOCUMENT);
                assertThat(documents(later)).hasSize(1);
            }
        }
    }

    @Test
    void startsAtAnOperationTimeInclusive() {
        ChangeStreamPosition start = ChangeStreamStart.capture(client);
        collection(db1, "c").insertOne(raw(new BsonDocument("_id", new BsonInt32(1))));
        collection(db1, "c").insertOne(raw(new BsonDocument("_id", new BsonInt32(2))));
        long secondTime;
        try (ChangeStreamReader reader = new ChangeStreamReader(client, filter, start, OPTIONS)) {
            List<ChangeRecord> docs =
                    documents(
                            pollUntil(
                                    reader,
                                    e ->
                                            e.type() == ChangeStreamEvent.Type.DOCUMENT
                                                    && sameId(e.record(), 2)));
            secondTime = docs.get(docs.size() - 1).clusterTime();
        }
        ChangeStreamPosition at =
                ChangeStreamPosition.ofOperationTime(new BsonTimestamp(secondTime));
        try (ChangeStreamReader reader = new ChangeStreamReader(client, filter, at, OPTIONS)) {
            List<ChangeRecord> docs =
                    documents(pollUntil(reader, e -> e.type() == ChangeStreamEvent.Type.DOCUMENT));
            assertThat(sameId(docs.get(0), 2)).isTrue();
        }
    }

    @Test
    void aPositionOutsideTheOplogIsHistoryLost() {
        collection(db1, "c").insertOne(raw(new BsonDocument("_id", new BsonInt32(1))));
        ChangeStreamPosition ancient =
                ChangeStreamPosition.ofOperationTime(new BsonTimestamp(1, 1));
        assertHistoryLost(client, ancient);
    }

    @Test
    void aTokenTruncatedFromASmallOplogIsHistoryLost() {
        // A real deployment's oplog cannot be shrunk by a test; the embedded one can.
        Assumptions.assumeTrue(servers.embedded(), "needs an embedded server with a small oplog");
        try (EmbeddedMongoServer small =
                        MongoTestServers.startEmbedded(b -> b.retainedOplogEntries(10));
                MongoClient smallClient = MongoClients.create(small.connectionString())) {
            ChangeStreamPosition start = ChangeStreamStart.capture(smallClient);
            MongoCollection<RawBsonDocument> c =
                    smallClient.getDatabase(db1).getCollection("c", RawBsonDocument.class);
            c.insertOne(raw(new BsonDocument("_id", new BsonInt32(0))));
            ChangeStreamPosition firstEvent;
            try (ChangeStreamReader reader =
                    new ChangeStreamReader(smallClient, filter, start, OPTIONS)) {
                firstEvent =
                        pollUntil(reader, e -> e.type() == ChangeStreamEvent.Type.DOCUMENT).stream()
                                .filter(e -> e.type() == ChangeStreamEvent.Type.DOCUMENT)
                                .findFirst()
                                .orElseThrow()
                                .position();
            }
            for (int i = 1; i <= 30; i++) {
                c.insertOne(raw(new BsonDocument("_id", new BsonInt32(i))));
            }
            assertHistoryLost(smallClient, firstEvent);
        }
    }

    private void assertHistoryLost(MongoClient source, ChangeStreamPosition position) {
        try (ChangeStreamReader reader =
                new ChangeStreamReader(source, filter, position, OPTIONS)) {
            assertThatThrownBy(reader::poll)
                    .isInstanceOf(ChangeStreamHistoryLostException.class)
                    .hasMessageContaining("oplog")
                    .hasMessageContaining("from scratch");
        }
    }

    private static boolean sameId(ChangeRecord r, int id) {
        return java.util.Arrays.equals(
                r.key(), IdKey.bytesOf(raw(new BsonDocument("_id", new BsonInt32(id)))));
    }

    private static boolean isDdl(ChangeStreamEvent e, DdlEvent.Kind kind) {
        return e.type() == ChangeStreamEvent.Type.DDL && e.ddl().kind() == kind;
    }

    /** Polls until an element matches, then returns all elements read, including that batch. */
    private static List<ChangeStreamEvent> pollUntil(
            ChangeStreamReader reader, Predicate<ChangeStreamEvent> last) {
        List<ChangeStreamEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<ChangeStreamEvent> batch = reader.poll();
            events.addAll(batch);
            assertThat(batch.size()).isLessThanOrEqualTo(OPTIONS.batchSize() + 1);
            if (batch.stream().anyMatch(last)) {
                return events;
            }
        }
        throw new AssertionError("no expected event within " + WAIT + "; read " + describe(events));
    }

    private static List<ChangeRecord> documents(List<ChangeStreamEvent> events) {
        return events.stream()
                .filter(e -> e.type() == ChangeStreamEvent.Type.DOCUMENT)
                .map(ChangeStreamEvent::record)
                .toList();
    }

    private static List<String> describe(List<ChangeStreamEvent> events) {
        List<String> out = new ArrayList<>();
        for (ChangeStreamEvent e : events) {
            switch (e.type()) {
                case DOCUMENT -> out.add(e.record().kind() + " " + e.record().namespace());
                case DDL -> out.add(e.ddl().toString());
                case INVALIDATE -> out.add("INVALIDATE");
                case HEARTBEAT -> {}
            }
        }
        return out;
    }

    private MongoCollection<RawBsonDocument> collection(String db, String coll) {
        return client.getDatabase(db).getCollection(coll, RawBsonDocument.class);
    }

    private static RawBsonDocument raw(BsonDocument doc) {
        return new RawBsonDocument(doc, new BsonDocumentCodec());
    }

    /** A database name no other test uses (the source may be a shared real deployment). */
    private static String uniqueDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
