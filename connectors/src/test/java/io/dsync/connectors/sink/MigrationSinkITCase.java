package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecord.Kind;
import io.dsync.connectors.record.ChangeRecordTypeInfo;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink in a Flink job on a MiniCluster, writing over TCP: to the shared destination server
 * ({@link MongoTestServers}) for the race guard, namespace mapping, byte-exact documents, the delay
 * flush and a permanent error; to a {@link FlakyMemoryBackend} of its own for retries of injected
 * transient errors.
 */
class MigrationSinkITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .build());

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private FlakyMemoryBackend backend;
    private MongoServer server;
    private String flakyConnectionString;
    private String connectionString;
    private MongoClient client;
    private MongoClient flakyClient;

    @BeforeEach
    void startDestination() {
        connectionString = SERVERS.destinationUri();
        client = MongoClients.create(connectionString);
        backend = new FlakyMemoryBackend();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        flakyConnectionString =
                "mongodb://127.0.0.1:"
                        + server.getLocalAddress().getPort()
                        + "/?serverSelectionTimeoutMS=5000";
        flakyClient = MongoClients.create(flakyConnectionString);
    }

    @AfterEach
    void stopDestination() {
        client.close();
        flakyClient.close();
        server.shutdownNow();
    }

    @Test
    void writesTheNewestStateOfEveryDocumentByteForByte() throws Exception {
        List<ChangeRecord> records = new ArrayList<>();
        Map<String, String> expectedOrders = new HashMap<>();
        Map<String, String> expectedUsers = new HashMap<>();
        BsonValue[] ids = {
            new BsonObjectId(new ObjectId("65f000000000000000000001")),
            new BsonString("order-é-1"),
            new BsonInt64(1L << 40),
            new BsonDouble(2.5),
            new BsonBinary(new byte[] {1, 2, 3}),
            new BsonDocument("a", new BsonInt32(1)).append("b", new BsonString("x")),
            new BsonDecimal128(Decimal128.parse("12.340")),
        };
        for (int i = 0; i < ids.length; i++) {
            byte[] v1 = richDocument(ids[i], i, "v1");
            byte[] v2 = richDocument(ids[i], i, "v2");
            switch (i % 4) {
                case 0 -> { // copy, then an update: the update wins
                    records.add(record(Kind.SNAPSHOT, "shop.orders", ids[i], v1));
                    records.add(record(Kind.UPDATE, "shop.orders", ids[i], v2));
                    expectedOrders.put(hex(TestRecords.key(ids[i])), hex(v2));
                }
                case 1 -> { // update, then a late copy: the copy is dropped
                    records.add(record(Kind.UPDATE, "shop.orders", ids[i], v2));
                    records.add(record(Kind.SNAPSHOT, "shop.orders", ids[i], v1));
                    expectedOrders.put(hex(TestRecords.key(ids[i])), hex(v2));
                }
                case 2 -> { // delete, then a late copy: stays deleted
                    records.add(record(Kind.DELETE, "shop.orders", ids[i], null));
                    records.add(record(Kind.SNAPSHOT, "shop.orders", ids[i], v1));
                }
                default -> { // copy only
                    records.add(record(Kind.SNAPSHOT, "shop.orders", ids[i], v1));
                    expectedOrders.put(hex(TestRecords.key(ids[i])), hex(v1));
                }
            }
        }
        for (int i = 0; i < 50; i++) {
            BsonValue id = new BsonInt32(i);
            byte[] inserted = richDocument(id, i, "inserted");
            byte[] replaced = richDocument(id, i, "replaced");
            records.add(record(Kind.INSERT, "shop.users", id, inserted));
            if (i % 2 == 0) {
                records.add(record(Kind.REPLACE, "shop.users", id, replaced));
                expectedUsers.put(hex(TestRecords.key(id)), hex(replaced));
            } else if (i % 5 == 0) {
                records.add(record(Kind.DELETE, "shop.users", id, null));
            } else {
                expectedUsers.put(hex(TestRecords.key(id)), hex(inserted));
            }
        }
        // A document already at the destination is replaced, not merged.
        client.getDatabase("archive")
                .getCollection("orders_2024", RawBsonDocument.class)
                .insertOne(new RawBsonDocument(richDocument(ids[3], 99, "stale")));

        MigrationSink sink =
                MigrationSink.builder()
                        .setConnectionString(connectionString)
                        .setNamespaceMapping(
                                NamespaceMapping.parse(
                                        "shop:shop_v2", "shop.orders:archive.orders_2024"))
                        .setMaxBatchDocuments(7)
                        .build();
        JobExecutionResult result = run(records, sink, 2);

        assertThat(destination("archive", "orders_2024")).isEqualTo(expectedOrders);
        assertThat(destination("shop_v2", "users")).isEqualTo(expectedUsers);
        assertThat(client.getDatabase("shop").listCollectionNames()).isEmpty();

        long upserts = expectedOrders.size() + expectedUsers.size();
        assertThat(totalCounter(result, SinkMetrics.DOCUMENTS_WRITTEN))
                .isBetween(upserts, (long) records.size());
        assertThat(totalCounter(result, SinkMetrics.DOCUMENTS_DELETED)).isPositive();
        assertThat(totalCounter(result, SinkMetrics.SNAPSHOT_DOCUMENTS_WRITTEN)).isPositive();
        assertThat(totalCounter(result, SinkMetrics.WRITE_BATCHES)).isGreaterThanOrEqualTo(2);
        assertThat(totalCounter(result, SinkMetrics.WRITE_RETRIES)).isZero();
        assertThat(totalCounter(result, SnapshotRaceGuard.SNAPSHOT_COPIES_SUPERSEDED)).isEqualTo(4);
        assertThat(REPORTER.findMetrics(result.getJobID(), SinkMetrics.DOCUMENTS_WRITTEN).keySet())
                .anyMatch(name -> name.contains("namespace.archive.orders_2024"));
    }

    @Test
    void retriesAWholeBatchAfterATransientServerError() throws Exception {
        backend.shutdownFailures.set(1);
        List<ChangeRecord> records = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            ChangeRecord record = TestRecords.update("db.c", i, "v", 1);
            records.add(record);
            expected.put(hex(record.key()), hex(record.document()));
        }
        JobExecutionResult result = run(records, fastRetryingSink(flakyConnectionString));

        assertThat(destination(flakyClient, "db", "c")).isEqualTo(expected);
        assertThat(backend.updateCommandSizes).containsExactly(5, 5);
        assertThat(totalCounter(result, SinkMetrics.WRITE_RETRIES)).isEqualTo(1);
        assertThat(totalCounter(result, SinkMetrics.DOCUMENTS_WRITTEN)).isEqualTo(5);
    }

    @Test
    void retriesOnlyTheThrottledOperationOfAnUnorderedBulkWrite() throws Exception {
        backend.firstOperationThrottles.set(1);
        List<ChangeRecord> records = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            ChangeRecord record = TestRecords.update("db.c", i, "v", 1);
            records.add(record);
            expected.put(hex(record.key()), hex(record.document()));
        }
        JobExecutionResult result = run(records, fastRetryingSink(flakyConnectionString));

        assertThat(destination(flakyClient, "db", "c")).isEqualTo(expected);
        assertThat(backend.updateCommandSizes).containsExactly(6, 1);
        assertThat(totalCounter(result, SinkMetrics.WRITE_RETRIES)).isEqualTo(1);
        assertThat(totalCounter(result, SinkMetrics.DOCUMENTS_WRITTEN)).isEqualTo(6);
        assertThat(totalCounter(result, SinkMetrics.WRITE_BATCHES)).isEqualTo(1);
    }

    @Test
    void failsWithAClearMessageWhenTransientErrorsOutlastTheRetryPolicy() {
        backend.shutdownFailures.set(100);
        MigrationSink sink =
                new MigrationSink(
                        fastRetryingSink(flakyConnectionString).options().toBuilder()
                                .retryPolicy(
                                        new RetryPolicy(
                                                3, Duration.ofMillis(10), Duration.ofMillis(20)))
                                .build());
        assertThatThrownBy(() -> run(List.of(TestRecords.update("db.c", 7, "v", 1)), sink))
                .satisfies(
                        e ->
                                assertThat(
                                                ExceptionUtils.findThrowableWithMessage(
                                                                e, "destination namespace")
                                                        .orElseThrow()
                                                        .getMessage())
                                        .contains("Gave up writing to destination namespace db.c")
                                        .contains("after 3 attempts")
                                        .contains("{\"_id\": 7}"));
    }

    @Test
    void copiesAndInsertsReplaceDocumentsAlreadyAtTheDestination() throws Exception {
        // As after a restart that replays records the destination already has, in another state.
        MongoCollection<RawBsonDocument> existing =
                client.getDatabase("store").getCollection("carts", RawBsonDocument.class);
        for (int i = 0; i < 4; i++) {
            existing.insertOne(
                    new RawBsonDocument(TestRecords.snapshot("store.carts", i, "old").document()));
        }
        List<ChangeRecord> records = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            ChangeRecord record =
                    i % 2 == 0
                            ? record(
                                    Kind.SNAPSHOT,
                                    "store.carts",
                                    new BsonInt32(i),
                                    richDocument(new BsonInt32(i), i, "new"))
                            : record(
                                    Kind.INSERT,
                                    "store.carts",
                                    new BsonInt32(i),
                                    richDocument(new BsonInt32(i), i, "new"));
            records.add(record);
            expected.put(hex(record.key()), hex(record.document()));
        }
        JobExecutionResult result = run(records, fastRetryingSink(connectionString));

        assertThat(destination("store", "carts")).isEqualTo(expected);
        assertThat(totalCounter(result, SinkMetrics.INSERTS_REPLACED)).isEqualTo(4);
        assertThat(totalCounter(result, SinkMetrics.DOCUMENTS_WRITTEN)).isEqualTo(8);
        assertThat(totalCounter(result, SinkMetrics.WRITE_RETRIES)).isZero();
    }

    @Test
    void failsAtOnceNamingNamespaceAndIdOnAUniqueIndexViolation() {
        MongoCollection<BsonDocument> users =
                client.getDatabase("crm").getCollection("people", BsonDocument.class);
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        users.insertOne(
                new BsonDocument("_id", new BsonInt32(1))
                        .append("email", new BsonString("a@example.com")));
        byte[] clash =
                TestRecords.bson(
                        new BsonDocument("_id", new BsonString("u-2"))
                                .append("email", new BsonString("a@example.com")));
        List<ChangeRecord> records =
                List.of(
                        new ChangeRecord(
                                Kind.INSERT,
                                "crm.people",
                                TestRecords.key(new BsonString("u-2")),
                                clash,
                                5));
        assertThatThrownBy(() -> run(records, fastRetryingSink(connectionString)))
                .satisfies(
                        e -> {
                            String message =
                                    ExceptionUtils.findThrowableWithMessage(
                                                    e, "destination namespace")
                                            .orElseThrow()
                                            .getMessage();
                            assertThat(message)
                                    .contains("destination namespace crm.people")
                                    .contains("{\"_id\": \"u-2\"}")
                                    .contains("11000")
                                    .contains("unique");
                        });
        assertThat(users.countDocuments()).isEqualTo(1);
    }

    @Test
    void writesABatchOnceItsOldestRecordHasWaitedTheMaxDelay() throws Exception {
        List<ChangeRecord> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(TestRecords.insert("db.slow", i, "v", 1));
        }
        MigrationSink sink =
                MigrationSink.builder()
                        .setConnectionString(connectionString)
                        .setMaxBatchDelay(Duration.ofMillis(200))
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // The source holds back its last record (and so the end of input) until the first three
        // are at the destination: only the writer's delay timer can have written them.
        SnapshotRaceGuard.applyTo(
                        env.fromData(records, ChangeRecordTypeInfo.INSTANCE)
                                .map(
                                        new HoldLastUntilWritten(
                                                connectionString,
                                                "db",
                                                "slow",
                                                3,
                                                records.get(3).key()))
                                .returns(ChangeRecordTypeInfo.INSTANCE),
                        RecordKeys.INSTANCE,
                        "markers")
                .sinkTo(sink);
        env.execute("delay flush test");

        assertThat(destination("db", "slow")).hasSize(4);
    }

    /** Passes records through; before the given last one, waits for documents to arrive. */
    private static final class HoldLastUntilWritten
            implements org.apache.flink.api.common.functions.MapFunction<
                    ChangeRecord, ChangeRecord> {
        private final String connectionString;
        private final String database;
        private final String collection;
        private final long expected;
        private final byte[] lastKey;

        HoldLastUntilWritten(
                String connectionString,
                String database,
                String collection,
                long expected,
                byte[] lastKey) {
            this.connectionString = connectionString;
            this.database = database;
            this.collection = collection;
            this.expected = expected;
            this.lastKey = lastKey;
        }

        @Override
        public ChangeRecord map(ChangeRecord record) throws Exception {
            if (Arrays.equals(record.key(), lastKey)) {
                try (MongoClient client = MongoClients.create(connectionString)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (client.getDatabase(database).getCollection(collection).countDocuments()
                            < expected) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("the delay timer never wrote the batch");
                        }
                        Thread.sleep(20);
                    }
                }
            }
            return record;
        }
    }

    private static MigrationSink fastRetryingSink(String connectionString) {
        return MigrationSink.builder()
                .setConnectionString(connectionString)
                .setRetryPolicy(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(100)))
                .build();
    }

    private static JobExecutionResult run(List<ChangeRecord> records, MigrationSink sink)
            throws Exception {
        return run(records, sink, 1);
    }

    private static JobExecutionResult run(
            List<ChangeRecord> records, MigrationSink sink, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        SnapshotRaceGuard.applyTo(
                        env.fromData(records, ChangeRecordTypeInfo.INSTANCE),
                        RecordKeys.INSTANCE,
                        "markers")
                .sinkTo(sink);
        return env.execute("sink test");
    }

    private static ChangeRecord record(Kind kind, String namespace, BsonValue id, byte[] doc) {
        return new ChangeRecord(
                kind, namespace, TestRecords.key(id), doc, kind.isChangeEvent() ? 7 : 0);
    }

    /** A document with many BSON types, field order and a negative zero, {@code _id} first. */
    private static byte[] richDocument(BsonValue id, int n, String version) {
        return TestRecords.bson(
                new BsonDocument("_id", id)
                        .append("version", new BsonString(version))
                        .append("n", new BsonInt32(n))
                        .append("long", new BsonInt64(Long.MAX_VALUE - n))
                        .append("negativeZero", new BsonDouble(-0.0))
                        .append("decimal", new BsonDecimal128(Decimal128.parse("1.10")))
                        .append("when", new BsonDateTime(1_700_000_000_000L + n))
                        .append("ts", new BsonTimestamp(42, n))
                        .append("uuid", new BsonBinary((byte) 4, new byte[16]))
                        .append("re", new BsonRegularExpression("^a.*", "i"))
                        .append("nothing", BsonNull.VALUE)
                        .append("flag", BsonBoolean.TRUE)
                        .append("min", new BsonMinKey())
                        .append("max", new BsonMaxKey())
                        .append(
                                "nested",
                                new BsonDocument("z", new BsonInt32(1))
                                        .append(
                                                "a",
                                                new BsonArray(
                                                        List.of(
                                                                new BsonString("x"),
                                                                new BsonDocument())))));
    }

    /** The destination collection as key bytes (hex) to document bytes. */
    private Map<String, String> destination(String database, String collection) {
        return destination(client, database, collection);
    }

    private static Map<String, String> destination(
            MongoClient client, String database, String collection) {
        Map<String, String> documents = new HashMap<>();
        for (RawBsonDocument document :
                client.getDatabase(database)
                        .getCollection(collection, RawBsonDocument.class)
                        .find()) {
            byte[] bytes =
                    Arrays.copyOf(
                            document.getByteBuffer().array(), document.getByteBuffer().limit());
            documents.put(hex(TestRecords.key(document.get("_id"))), hex(bytes));
        }
        return documents;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Sum of a counter over all subtasks, without the per-namespace copies. */
    private static long totalCounter(JobExecutionResult result, String name) {
        long total = 0;
        for (Map.Entry<String, Metric> metric :
                REPORTER.findMetrics(result.getJobID(), name).entrySet()) {
            if (!metric.getKey().contains("." + SinkMetrics.NAMESPACE_GROUP + ".")) {
                total += ((Counter) metric.getValue()).getCount();
            }
        }
        return total;
    }
}
