package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CollationStrength;
import com.mongodb.client.model.CreateCollectionOptions;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecord.Kind;
import io.dsync.connectors.record.ChangeRecordTypeInfo;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Case 4 of issue 16: {@code _id}s that MongoDB calls equal but whose bytes differ are one document
 * for the job too. Each test feeds change events of documents whose two spellings ({@code
 * NumberInt(k)} / {@code NumberLong(k)}, or strings equal under the collection's collation) would
 * be sent to different sink writers if records were keyed by their bytes, and the destination holds
 * one writer's command until the other writer's write of the same documents was applied: the
 * reverse of their source order. Keyed as the destination identifies documents, both records of a
 * document reach one writer, which folds them into one write, so nothing is held and the
 * destination ends as the source.
 */
class IdsEqualByValueITCase {

    private static final int WRITERS = 2;
    private static final String DB = "ids";

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(WRITERS)
                            .build());

    /** The writer the bytes of {@code {_id: id}} alone would send a record of {@code ns} to. */
    private static int writerByBytes(String namespace, BsonValue id) {
        String bytesKey =
                namespace + '\0' + new String(TestRecords.key(id), StandardCharsets.ISO_8859_1);
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                bytesKey, KeyGroupRangeAssignment.computeDefaultMaxParallelism(WRITERS), WRITERS);
    }

    /**
     * Up to {@code count} of the first 1,000 ids whose first spelling the bytes alone would send to
     * writer 0 and whose second spelling to writer 1.
     */
    private static List<Integer> splitByBytes(
            String namespace,
            IntFunction<BsonValue> first,
            IntFunction<BsonValue> second,
            int count) {
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < 1_000 && ids.size() < count; k++) {
            if (writerByBytes(namespace, first.apply(k)) == 0
                    && writerByBytes(namespace, second.apply(k)) == 1) {
                ids.add(k);
            }
        }
        assertThat(ids).hasSize(count);
        return ids;
    }

    private static ChangeRecord record(Kind kind, String namespace, BsonValue id, int version) {
        return new ChangeRecord(
                kind,
                namespace,
                TestRecords.key(id),
                kind == Kind.DELETE ? null : TestRecords.document(id, "v" + version),
                version);
    }

    private static void run(List<ChangeRecord> records, RecordKeys keys, String destinationUri)
            throws Exception {
        MigrationSink sink =
                MigrationSink.builder()
                        .setConnectionString(destinationUri)
                        .setRecordKeys(keys)
                        // every record of a writer in one batch, written at the end of input
                        .setMaxBatchDelay(Duration.ofHours(1))
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(WRITERS);
        SnapshotRaceGuard.applyTo(
                        env.fromData(records, ChangeRecordTypeInfo.INSTANCE).setParallelism(1),
                        keys,
                        "markers")
                .sinkTo(sink);
        env.execute("ids equal by value");
    }

    private static BsonDocument expected(BsonValue id, String version) {
        return new BsonDocument("_id", id).append("v", new BsonString(version));
    }

    private static EmbeddedMongoServer destination(HeldWrites gate) {
        return MongoTestServers.startEmbedded(
                options -> options.addCommandInterceptor(gate).addWriteListener(gate));
    }

    private static final Function<Object, Object> NUMERIC = id -> ((Number) id).longValue();

    /** Delete {@code {_id: NumberInt(k)}}, then insert {@code {_id: NumberLong(k)}}. */
    @Test
    void deleteOfNumberIntThenInsertOfNumberLongLeavesTheDocument() throws Exception {
        String namespace = DB + ".flips";
        List<Integer> ids = splitByBytes(namespace, BsonInt32::new, k -> new BsonInt64(k), 20);
        HeldWrites gate =
                new HeldWrites(
                        DB,
                        "flips",
                        "delete",
                        HeldWrites.Release.UPSERT,
                        Integer.class::isInstance,
                        NUMERIC);
        try (EmbeddedMongoServer server = destination(gate);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<BsonDocument> flips =
                    client.getDatabase(DB).getCollection("flips", BsonDocument.class);
            List<ChangeRecord> records = new ArrayList<>();
            for (int k : ids) {
                flips.insertOne(new BsonDocument("_id", new BsonInt32(k))); // copied earlier
                records.add(record(Kind.DELETE, namespace, new BsonInt32(k), 1));
                records.add(record(Kind.INSERT, namespace, new BsonInt64(k), 2));
            }

            gate.arm();
            run(records, RecordKeys.INSTANCE, server.connectionString());

            for (int k : ids) {
                assertThat(flips.find(new BsonDocument("_id", new BsonInt32(k))).first())
                        .as("document %d", k)
                        .isEqualTo(expected(new BsonInt64(k), "v2"));
            }
            assertThat(gate.held()).as("commands held for the other writer").isZero();
        }
    }

    /**
     * Update {@code {_id: NumberInt(k)}}, replace it by {@code {_id: NumberLong(k)}} (MongoDB lets
     * a replacement change the type of an equal {@code _id}), delete it.
     */
    @Test
    void updateOfNumberIntThenDeleteOfNumberLongLeavesNoDocument() throws Exception {
        String namespace = DB + ".gone";
        List<Integer> ids = splitByBytes(namespace, BsonInt32::new, k -> new BsonInt64(k), 20);
        HeldWrites gate =
                new HeldWrites(
                        DB,
                        "gone",
                        "update",
                        HeldWrites.Release.DELETE,
                        Integer.class::isInstance,
                        NUMERIC);
        try (EmbeddedMongoServer server = destination(gate);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<BsonDocument> gone =
                    client.getDatabase(DB).getCollection("gone", BsonDocument.class);
            List<ChangeRecord> records = new ArrayList<>();
            for (int k : ids) {
                gone.insertOne(new BsonDocument("_id", new BsonInt32(k)));
                records.add(record(Kind.UPDATE, namespace, new BsonInt32(k), 1));
                records.add(record(Kind.REPLACE, namespace, new BsonInt64(k), 2));
                records.add(record(Kind.DELETE, namespace, new BsonInt64(k), 3));
            }

            gate.arm();
            run(records, RecordKeys.INSTANCE, server.connectionString());

            assertThat(gone.countDocuments()).isZero();
            assertThat(gate.held()).as("commands held for the other writer").isZero();
        }
    }

    /**
     * Under a case-insensitive default collation, delete {@code {_id: "name-k"}}, then insert
     * {@code {_id: "NAME-K"}}: the destination ends with the source's exact spelling.
     */
    @Test
    void stringsEqualUnderTheCollationAreOneDocument() throws Exception {
        String namespace = DB + ".names";
        IntFunction<BsonValue> lower = k -> new BsonString("name-" + k);
        IntFunction<BsonValue> upper = k -> new BsonString("NAME-" + k);
        List<Integer> ids = splitByBytes(namespace, lower, upper, 20);
        HeldWrites gate =
                new HeldWrites(
                        DB,
                        "names",
                        "delete",
                        HeldWrites.Release.UPSERT,
                        id -> ((String) id).startsWith("name-"),
                        id -> ((String) id).toLowerCase(Locale.ROOT));
        try (EmbeddedMongoServer server = destination(gate);
                MongoClient client = MongoClients.create(server.connectionString())) {
            com.mongodb.client.model.Collation collation =
                    com.mongodb.client.model.Collation.builder()
                            .locale("en")
                            .collationStrength(CollationStrength.SECONDARY)
                            .build();
            client.getDatabase(DB)
                    .createCollection("names", new CreateCollectionOptions().collation(collation));
            MongoCollection<BsonDocument> names =
                    client.getDatabase(DB).getCollection("names", BsonDocument.class);
            List<ChangeRecord> records = new ArrayList<>();
            for (int k : ids) {
                names.insertOne(new BsonDocument("_id", lower.apply(k)));
                records.add(record(Kind.DELETE, namespace, lower.apply(k), 1));
                records.add(record(Kind.INSERT, namespace, upper.apply(k), 2));
            }
            RecordKeys keys =
                    RecordKeys.withCollations(
                            Map.of(namespace, BsonDocument.parse(collation.asDocument().toJson())));

            gate.arm();
            run(records, keys, server.connectionString());

            assertThat(names.countDocuments()).isEqualTo(ids.size());
            for (int k : ids) {
                assertThat(names.find(new BsonDocument("_id", upper.apply(k))).first())
                        .as("document %d, spelled as at the source", k)
                        .isEqualTo(expected(upper.apply(k), "v2"));
            }
            assertThat(gate.held()).as("commands held for the other writer").isZero();
        }
    }
}
