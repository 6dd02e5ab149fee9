package io.dsync.connectors.source.changestream;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, case 8 at the reader: an update whose event is over 16 MB is read as ONE change, split
 * ({@code $changeStreamSplitLargeEvent}, one fragment per getMore here) or, on a server without the
 * stage, after falling back; and every position the reader hands out (what a checkpoint stores)
 * resumes with exactly the changes after it: none lost, none twice, never between fragments.
 */
class OversizedChangeEventReaderITCase {

    @RegisterExtension static final MongoTestServers servers = MongoTestServers.create();

    /** Under the 16 MB document limit; the document and its update together are over it. */
    private static final int BIG = 9 * 1024 * 1024;

    /** One event (or fragment) per getMore, so that fragments arrive in different batches. */
    private static final ChangeStreamOptions OPTIONS =
            ChangeStreamOptions.builder().batchSize(1).maxAwaitTime(Duration.ofMillis(200)).build();

    @Test
    void aSplitEventIsOneChangeAndEveryPositionResumesExactlyAfterIt() {
        try (MongoClient client = MongoClients.create(servers.sourceUri())) {
            readsTheOversizedUpdateOnceFromEveryPosition(client);
        }
    }

    @Test
    void withoutTheSplitStageTheChangeIsReadOnceFromEveryPosition() {
        try (EmbeddedMongoServer older =
                        MongoTestServers.startEmbedded(b -> b.splitLargeChangeEvents(false));
                MongoClient client = MongoClients.create(older.connectionString())) {
            readsTheOversizedUpdateOnceFromEveryPosition(client);
        }
    }

    /**
     * A document near 16 MB with a 20 KB {@code _id}: its insert event (document plus {@code
     * documentKey}) is over the limit even without {@code updateDescription}. Split, or read
     * without its document and looked up, it still arrives, byte for byte.
     */
    @Test
    void aDocumentNear16MbWithALargeIdArrivesSplitOrLookedUp() {
        try (MongoClient client = MongoClients.create(servers.sourceUri())) {
            readsTheLargeIdInsert(client);
        }
        try (EmbeddedMongoServer older =
                        MongoTestServers.startEmbedded(b -> b.splitLargeChangeEvents(false));
                MongoClient client = MongoClients.create(older.connectionString())) {
            readsTheLargeIdInsert(client);
        }
    }

    private static void readsTheLargeIdInsert(MongoClient client) {
        String db = "it_big_" + UUID.randomUUID().toString().substring(0, 8);
        NamespaceFilter filter = NamespaceFilter.of(List.of(db), List.of());
        try {
            MongoCollection<Document> coll = client.getDatabase(db).getCollection("c");
            ChangeStreamPosition start = ChangeStreamStart.capture(client);
            String largeId = "k".repeat(20 * 1024);
            coll.insertOne(
                    new Document("_id", largeId)
                            .append("big", "a".repeat(16 * 1024 * 1024 - 1024 - 20 * 1024)));
            coll.insertOne(new Document("_id", 3));
            List<ChangeStreamEvent> events = readUntilId3(client, filter, start);
            List<ChangeRecord> inserts =
                    events.stream()
                            .filter(e -> e.type() == ChangeStreamEvent.Type.DOCUMENT)
                            .map(ChangeStreamEvent::record)
                            .toList();
            assertThat(inserts).hasSize(2);
            RawBsonDocument stored =
                    client.getDatabase(db)
                            .getCollection("c", RawBsonDocument.class)
                            .find(Filters.eq("_id", largeId))
                            .first();
            assertThat(inserts.get(0).kind()).isEqualTo(ChangeRecord.Kind.INSERT);
            assertThat(inserts.get(0).document()).isEqualTo(IdKey.bytesOf(stored));
        } finally {
            client.getDatabase(db).drop();
        }
    }

    private static void readsTheOversizedUpdateOnceFromEveryPosition(MongoClient client) {
        String db = "it_big_" + UUID.randomUUID().toString().substring(0, 8);
        NamespaceFilter filter = NamespaceFilter.of(List.of(db), List.of());
        try {
            MongoCollection<Document> coll = client.getDatabase(db).getCollection("c");
            ChangeStreamPosition start = ChangeStreamStart.capture(client);
            coll.insertOne(new Document("_id", 1).append("big", "a".repeat(BIG)));
            coll.updateOne(Filters.eq("_id", 1), Updates.set("big", "b".repeat(BIG)));
            coll.insertOne(new Document("_id", 3));

            List<ChangeStreamEvent> events = readUntilId3(client, filter, start);
            assertThat(changes(events)).containsExactly("INSERT 1", "UPDATE 1", "INSERT 3");
            ChangeRecord update =
                    events.stream()
                            .filter(e -> e.type() == ChangeStreamEvent.Type.DOCUMENT)
                            .map(ChangeStreamEvent::record)
                            .filter(r -> r.kind() == ChangeRecord.Kind.UPDATE)
                            .findFirst()
                            .orElseThrow();
            RawBsonDocument current =
                    client.getDatabase(db)
                            .getCollection("c", RawBsonDocument.class)
                            .find(Filters.eq("_id", 1))
                            .first();
            assertThat(update.document()).isEqualTo(IdKey.bytesOf(current));

            // Every position handed out is one a checkpoint may hold: resuming from it gives
            // exactly the changes after it.
            for (int i = 0; i < events.size(); i++) {
                List<String> after = changes(events.subList(i + 1, events.size()));
                if (after.isEmpty()) {
                    continue;
                }
                List<ChangeStreamEvent> resumed =
                        readUntilId3(client, filter, events.get(i).position());
                assertThat(changes(resumed)).as("resumed after element %s", i).isEqualTo(after);
            }
        } finally {
            client.getDatabase(db).drop();
        }
    }

    private static List<ChangeStreamEvent> readUntilId3(
            MongoClient client, NamespaceFilter filter, ChangeStreamPosition from) {
        List<ChangeStreamEvent> events = new ArrayList<>();
        try (ChangeStreamReader reader = new ChangeStreamReader(client, filter, from, OPTIONS)) {
            for (int polls = 0; polls < 200; polls++) {
                List<ChangeStreamEvent> batch = reader.poll();
                events.addAll(batch);
                if (changes(batch).contains("INSERT 3")) {
                    return events;
                }
            }
        }
        throw new AssertionError("INSERT 3 not read; read " + changes(events));
    }

    private static List<String> changes(List<ChangeStreamEvent> events) {
        List<String> out = new ArrayList<>();
        for (ChangeStreamEvent e : events) {
            if (e.type() == ChangeStreamEvent.Type.DOCUMENT) {
                BsonDocument key = new RawBsonDocument(e.record().key());
                BsonValue id = key.get("_id");
                out.add(
                        e.record().kind()
                                + " "
                                + (id.isInt32() ? String.valueOf(id.asInt32().getValue()) : "L"));
            }
        }
        return out;
    }
}
