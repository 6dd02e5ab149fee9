package io.dsync.connectors.source.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ServerCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotReadITCase {

    @RegisterExtension static final MongoTestServers servers = MongoTestServers.create();

    private static final int DOCUMENTS = 400;

    private MongoClient client;
    private Namespace ns;

    /** Inserted documents by key. */
    private final Map<ByteBuffer, byte[]> inserted = new HashMap<>();

    @BeforeEach
    void setUp() {
        client = MongoClients.create(servers.sourceUri());
        ns = new Namespace(uniqueDatabase("it_snapshot"), "mixed");
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.getDatabase(ns.database()).drop();
            client.close();
        }
    }

    @Test
    void smallRangesOfMixedIdTypesDeliverEveryDocumentOnceByteForByte() {
        insertMixed();
        PaginationSplitter splitter =
                new PaginationSplitter(SplitOptions.builder().documentsPerRange(7).build());
        List<IdRange> ranges = new ArrayList<>();
        splitter.split(client, ns).forEachRemaining(ranges::add);

        assertThat(ranges.size()).isGreaterThanOrEqualTo(inserted.size() / 7);
        assertThat(ranges.get(0).lower()).isEqualTo(IdBound.MIN);
        assertThat(ranges.get(ranges.size() - 1).upper()).isEqualTo(IdBound.MAX);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).lower()).isEqualTo(ranges.get(i - 1).upper());
        }
        assertThat(ranges).extracting(IdRange::id).doesNotHaveDuplicates();

        Map<ByteBuffer, byte[]> read = new HashMap<>();
        for (IdRange range : ranges) {
            for (ChangeRecord r : readAll(range, 3, null)) {
                assertThat(read.put(ByteBuffer.wrap(r.key()), r.document()))
                        .as("document read twice")
                        .isNull();
            }
        }
        assertSameDocuments(read);
    }

    @Test
    void splittingGoesOnFromABound() {
        insertMixed();
        PaginationSplitter splitter =
                new PaginationSplitter(SplitOptions.builder().documentsPerRange(50).build());
        Iterator<IdRange> first = splitter.split(client, ns);
        IdRange r0 = first.next();
        IdRange r1 = first.next();
        Iterator<IdRange> again = splitter.split(client, ns, r0.upper(), 1);
        assertThat(again.next()).isEqualTo(r1);
    }

    @Test
    void aCollectionSmallerThanOneRangeIsOneRange() {
        insert(new BsonDocument("_id", new BsonInt32(1)));
        insert(new BsonDocument("_id", new BsonString("a")));
        Iterator<IdRange> ranges =
                new PaginationSplitter(SplitOptions.defaults()).split(client, ns);
        IdRange only = ranges.next();
        assertThat(ranges.hasNext()).isFalse();
        assertThat(only.lower()).isEqualTo(IdBound.MIN);
        assertThat(only.upper()).isEqualTo(IdBound.MAX);
        assertThat(readAll(only, 10, null)).hasSize(2);
    }

    @Test
    void resumesAfterAKeyInTheMiddleOfARange() {
        insertMixed();
        IdRange whole = IdRange.whole(ns, "whole");
        List<ChangeRecord> all = readAll(whole, 1000, null);
        assertThat(all).hasSize(inserted.size());

        byte[] resumeKey = all.get(137).key();
        List<ChangeRecord> rest = readAll(whole, 4, resumeKey);
        assertThat(rest).containsExactlyElementsOf(all.subList(138, all.size()));

        // The document of the resume key was deleted meanwhile: nothing after it is lost.
        client.getDatabase(ns.database())
                .getCollection(ns.collection(), RawBsonDocument.class)
                .deleteOne(new RawBsonDocument(resumeKey));
        assertThat(readAll(whole, 4, resumeKey))
                .containsExactlyElementsOf(all.subList(138, all.size()));
    }

    @Test
    void readsOneDriverBatchAtATime() {
        insertMixed();
        try (SnapshotRangeReader reader =
                new SnapshotRangeReader(client, IdRange.whole(ns, "whole"), 16)) {
            int total = 0;
            for (List<ChangeRecord> batch = reader.nextBatch();
                    !batch.isEmpty();
                    batch = reader.nextBatch()) {
                assertThat(batch.size()).isLessThanOrEqualTo(16);
                total += batch.size();
                assertThat(reader.lastKey()).isEqualTo(batch.get(batch.size() - 1).key());
            }
            assertThat(total).isEqualTo(inserted.size());
            assertThat(reader.isFinished()).isTrue();
            assertThat(reader.nextBatch()).isEmpty();
        }
    }

    @Test
    void aLostCursorIsReopenedAfterTheLastKeyRead() {
        insertMixed();
        List<ChangeRecord> read = new ArrayList<>();
        try (SnapshotRangeReader reader =
                new SnapshotRangeReader(client, IdRange.whole(ns, "whole"), 50)) {
            read.addAll(reader.nextBatch());
            // As when the server times an idle cursor out: the next getMore finds no cursor.
            ServerCursor cursor = reader.serverCursor();
            assertThat(cursor).isNotNull();
            client.getDatabase(ns.database())
                    .runCommand(
                            new BsonDocument("killCursors", new BsonString(ns.collection()))
                                    .append(
                                            "cursors",
                                            new BsonArray(List.of(new BsonInt64(cursor.getId())))));
            for (List<ChangeRecord> batch = reader.nextBatch();
                    !batch.isEmpty();
                    batch = reader.nextBatch()) {
                read.addAll(batch);
            }
        }
        Map<ByteBuffer, byte[]> byKey = new HashMap<>();
        for (ChangeRecord r : read) {
            assertThat(byKey.put(ByteBuffer.wrap(r.key()), r.document())).as("read twice").isNull();
        }
        assertSameDocuments(byKey);
    }

    private List<ChangeRecord> readAll(IdRange range, int batchSize, byte[] resumeAfter) {
        List<ChangeRecord> records = new ArrayList<>();
        try (SnapshotRangeReader reader =
                new SnapshotRangeReader(client, range, batchSize, resumeAfter)) {
            for (List<ChangeRecord> batch = reader.nextBatch();
                    !batch.isEmpty();
                    batch = reader.nextBatch()) {
                for (ChangeRecord r : batch) {
                    assertThat(r.kind()).isEqualTo(ChangeRecord.Kind.SNAPSHOT);
                    assertThat(r.namespace()).isEqualTo(ns.fullName());
                }
                records.addAll(batch);
            }
        }
        return records;
    }

    private void insertMixed() {
        for (BsonValue id : BsonIds.singletons()) {
            insert(document(id, -1));
        }
        for (int i = 0; i < DOCUMENTS; i++) {
            insert(document(BsonIds.id(i), i));
        }
    }

    private static BsonDocument document(BsonValue id, int i) {
        // _id first, as the server stores it; -0.0 and mixed numeric types must survive.
        return new BsonDocument("_id", id)
                .append("i", new BsonInt32(i))
                .append("neg", new BsonDouble(-0.0))
                .append("pad", new BsonString("x".repeat(Math.floorMod(i, 50))));
    }

    private void insert(BsonDocument doc) {
        RawBsonDocument raw = new RawBsonDocument(doc, new BsonDocumentCodec());
        MongoCollection<RawBsonDocument> coll =
                client.getDatabase(ns.database())
                        .getCollection(ns.collection(), RawBsonDocument.class);
        coll.insertOne(raw);
        byte[] bytes = IdKey.bytesOf(raw);
        inserted.put(ByteBuffer.wrap(IdKey.of(bytes)), bytes);
    }

    private void assertSameDocuments(Map<ByteBuffer, byte[]> read) {
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(inserted.keySet());
        for (Map.Entry<ByteBuffer, byte[]> e : inserted.entrySet()) {
            assertThat(read.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    /** A database name no other test uses (the source may be a shared real deployment). */
    private static String uniqueDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
