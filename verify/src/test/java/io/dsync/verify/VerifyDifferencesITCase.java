package io.dsync.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination that differs from the source in exactly six ways (a document missing, one extra,
 * one changed value, one field-order change, one int32 turned int64, one index missing), plus
 * namespaces on one side only in another database; verify over TCP against the embedded servers, on
 * a Flink MiniCluster in batch mode, with small {@code _id} ranges.
 */
class VerifyDifferencesITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.miniCluster();

    private static final String DB = "verify_diff";
    private static final String ONE_SIDED_DB = "verify_onesided";

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, DB, ONE_SIDED_DB);

    @BeforeAll
    static void plantDifferences() {
        MongoCollection<BsonDocument> src =
                CLIENTS.source().getDatabase(DB).getCollection("orders", BsonDocument.class);
        MongoCollection<BsonDocument> dst =
                CLIENTS.destination().getDatabase(DB).getCollection("orders", BsonDocument.class);
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            docs.add(
                    new BsonDocument("_id", new BsonInt32(i))
                            .append("customer", new BsonString("c" + i))
                            .append("qty", new BsonInt32(i))
                            .append(
                                    "address",
                                    new BsonDocument("city", new BsonString("Paris"))
                                            .append("zip", new BsonString("750" + i))));
        }
        src.insertMany(docs);
        src.createIndex(Indexes.ascending("customer"));
        src.createIndex(
                Indexes.compoundIndex(Indexes.ascending("qty"), Indexes.descending("customer")));
        List<BsonDocument> copy = new ArrayList<>();
        for (BsonDocument doc : docs) {
            int id = doc.getInt32("_id").getValue();
            BsonDocument d = doc.clone();
            switch (id) {
                case 5 -> {
                    continue;
                } // missing on the destination
                case 10 -> d.getDocument("address").put("zip", new BsonString("99999")); // changed
                case 15 ->
                        d =
                                new BsonDocument("_id", d.get("_id")) // field order changed
                                        .append("qty", d.get("qty"))
                                        .append("customer", d.get("customer"))
                                        .append("address", d.get("address"));
                case 20 -> d.put("qty", new BsonInt64(20)); // int32 -> int64, same value
                default -> {}
            }
            copy.add(d);
        }
        copy.add(new BsonDocument("_id", new BsonString("extra")).append("qty", new BsonInt32(1)));
        dst.insertMany(copy);
        dst.createIndex(
                Indexes.compoundIndex(Indexes.ascending("qty"), Indexes.descending("customer")));
        // The "customer_1" index is missing on the destination.

        CLIENTS.source()
                .getDatabase(ONE_SIDED_DB)
                .getCollection("only_source")
                .insertOne(new org.bson.Document("_id", 1));
        CLIENTS.source()
                .getDatabase(ONE_SIDED_DB)
                .getCollection("both")
                .insertOne(new org.bson.Document("_id", 1));
        CLIENTS.destination()
                .getDatabase(ONE_SIDED_DB)
                .getCollection("both")
                .insertOne(new org.bson.Document("_id", 1));
        CLIENTS.destination()
                .getDatabase(ONE_SIDED_DB)
                .getCollection("only_destination")
                .insertOne(new org.bson.Document("_id", 1));
    }

    private static VerifyOptions.Builder options(String include) {
        return VerifyOptions.builder()
                .sourceUri(SERVERS.sourceUri())
                .destinationUri(SERVERS.destinationUri())
                .includes(List.of(include))
                .documentsPerRange(7)
                .parallelism(2)
                .progressInterval(Duration.ZERO);
    }

    @Test
    void reportsExactlyTheSixDifferencesInRawBytesMode(@TempDir Path dir) {
        VerifyRun run = VerifyRun.of(options(DB), dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(run.kinds())
                .containsExactlyInAnyOrder(
                        "missing_on_destination",
                        "extra_on_destination",
                        "different",
                        "different",
                        "different",
                        "index_missing_on_destination");
        assertThat(run.line("missing_on_destination").get("_id")).isEqualTo(new BsonInt32(5));
        assertThat(run.line("extra_on_destination").get("_id")).isEqualTo(new BsonString("extra"));
        assertThat(run.line("index_missing_on_destination").getString("index").getValue())
                .isEqualTo("customer_1");
        assertThat(differentFields(run))
                .containsExactlyInAnyOrder("10:address.zip", "15:customer", "20:qty");
        assertThat(run.report())
                .allMatch(l -> l.getString("namespace").getValue().equals(DB + ".orders"));
        assertThat(run.output())
                .contains("raw-bytes", "without recheck")
                .contains(
                        "documents: source 60, destination 60; matched 56, missing on"
                                + " destination 1, extra on destination 1, different 3");
    }

    @Test
    void ignoresTheFieldOrderChangeWhenAsked(@TempDir Path dir) {
        VerifyRun run =
                VerifyRun.of(
                        options(DB).compareMode(CompareMode.IGNORE_FIELD_ORDER),
                        dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(differentFields(run)).containsExactlyInAnyOrder("10:address.zip", "20:qty");
        assertThat(run.kinds()).hasSize(5);
        assertThat(run.output()).contains("ignore-field-order");
    }

    @Test
    void quickModeComparesCountsIndexesAndOptionsOnly(@TempDir Path dir) {
        VerifyRun run = VerifyRun.of(options(DB).quick(true), dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        // One missing and one extra document: the exact counts agree.
        assertThat(run.kinds()).containsExactly("index_missing_on_destination");
        assertThat(run.output())
                .contains("quick", "documents: source 60, destination 60 (exact counts)");
    }

    @Test
    void quickModeReportsACountDifference(@TempDir Path dir) {
        CLIENTS.destination()
                .getDatabase(DB)
                .getCollection("orders")
                .deleteOne(Filters.eq("_id", 30));
        try {
            VerifyRun run = VerifyRun.of(options(DB).quick(true), dir.resolve("report.jsonl"));
            BsonDocument count = run.line("count_different");
            assertThat(count.getNumber("source_count").longValue()).isEqualTo(60);
            assertThat(count.getNumber("destination_count").longValue()).isEqualTo(59);
        } finally {
            CLIENTS.destination()
                    .getDatabase(DB)
                    .getCollection("orders", RawBsonDocument.class)
                    .insertOne(
                            CLIENTS.source()
                                    .getDatabase(DB)
                                    .getCollection("orders", RawBsonDocument.class)
                                    .find(Filters.eq("_id", 30))
                                    .first());
        }
    }

    @Test
    void reportsNamespacesOnOneSideOnly(@TempDir Path dir) {
        VerifyRun run = VerifyRun.of(options(ONE_SIDED_DB), dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(run.kinds())
                .containsExactlyInAnyOrder(
                        "namespace_missing_on_destination", "namespace_extra_on_destination");
        assertThat(run.line("namespace_missing_on_destination").getString("namespace").getValue())
                .isEqualTo(ONE_SIDED_DB + ".only_source");
        assertThat(run.line("namespace_extra_on_destination").getString("namespace").getValue())
                .isEqualTo(ONE_SIDED_DB + ".only_destination");
    }

    @Test
    void followsTheMappingAndTheExcludes(@TempDir Path dir) {
        // Source verify_onesided.both maps onto destination verify_onesided.only_destination,
        // which holds the same document; only_source is excluded.
        VerifyRun run =
                VerifyRun.of(
                        options(ONE_SIDED_DB)
                                .excludes(List.of(ONE_SIDED_DB + ".only_source"))
                                .mapRules(
                                        List.of(
                                                ONE_SIDED_DB
                                                        + ".both:"
                                                        + ONE_SIDED_DB
                                                        + ".only_destination")),
                        dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.IDENTICAL);
        assertThat(run.report()).isEmpty();
        assertThat(run.output())
                .contains(ONE_SIDED_DB + ".both -> " + ONE_SIDED_DB + ".only_destination");
    }

    @Test
    void capsTheListedDifferencesButKeepsCountsExact(@TempDir Path dir) {
        VerifyRun run = VerifyRun.of(options(DB).maxReported(1), dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(run.report().stream().filter(l -> l.containsKey("_id"))).hasSize(1);
        assertThat(run.output()).contains("1 of 5 document differences are listed");
    }

    private static List<String> differentFields(VerifyRun run) {
        return run.report().stream()
                .filter(l -> l.getString("kind").getValue().equals("different"))
                .map(l -> l.getInt32("_id").getValue() + ":" + l.getString("field").getValue())
                .toList();
    }
}
