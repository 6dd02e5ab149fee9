package io.dsync.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job joins both sides range by range, with ranges cut on the source: differences planted at
 * the edges of ranges, destination documents outside every source range's keys (below the first
 * source {@code _id}, above the last, between two source {@code _id}s, of another BSON type, an
 * int64 equal in value to a source int32), and a source collection that is empty while its
 * destination is not, must each be found exactly once, with exact counts.
 */
class VerifyRangeBoundariesITCase {

    private static final int DOCUMENTS = 60_000;
    private static final int PER_RANGE = 10_000;

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.miniCluster();

    private static final String DB = "verify_ranges";

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, DB);

    @BeforeAll
    static void fill() {
        MongoCollection<Document> src = CLIENTS.source().getDatabase(DB).getCollection("big");
        MongoCollection<Document> dst = CLIENTS.destination().getDatabase(DB).getCollection("big");
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(new Document("_id", i).append("v", i));
            if (batch.size() == PER_RANGE) {
                src.insertMany(batch);
                dst.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
        // ranges start at source _ids 0, 10,000, 20,000, ...
        dst.updateOne(Filters.eq("_id", PER_RANGE), Updates.set("v", -1)); // first of a range
        dst.updateOne(Filters.eq("_id", 2 * PER_RANGE - 1), Updates.set("v", -1)); // last
        dst.deleteOne(Filters.eq("_id", 0)); // first of all
        dst.deleteOne(Filters.eq("_id", DOCUMENTS - 1)); // last of all
        dst.deleteOne(Filters.eq("_id", 2 * PER_RANGE));
        dst.insertOne(new Document("_id", (long) (2 * PER_RANGE)).append("v", 2 * PER_RANGE));
        dst.insertOne(new Document("_id", -5));
        dst.insertOne(new Document("_id", 100_000));
        dst.insertOne(new Document("_id", 15_000.5));
        dst.insertOne(new Document("_id", "zzz"));

        CLIENTS.source().getDatabase(DB).createCollection("emptied");
        CLIENTS.destination()
                .getDatabase(DB)
                .getCollection("emptied")
                .insertMany(List.of(new Document("_id", 1), new Document("_id", "two")));
    }

    @Test
    void findsEveryDifferenceAtAndBetweenRangeEdgesExactlyOnce(@TempDir Path dir) {
        VerifyRun run =
                VerifyRun.of(
                        VerifyOptions.builder()
                                .sourceUri(SERVERS.sourceUri())
                                .destinationUri(SERVERS.destinationUri())
                                .includes(List.of(DB))
                                .documentsPerRange(PER_RANGE)
                                .parallelism(2)
                                .progressInterval(Duration.ofSeconds(1)),
                        dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(run.output())
                .contains(
                        "documents: source 60,000, destination 60,002; matched 59,995, missing"
                                + " on destination 3, extra on destination 5, different 2")
                .contains(
                        "documents: source 0, destination 2; matched 0, missing on destination"
                                + " 0, extra on destination 2, different 0");
        assertThat(ids(run, "different"))
                .containsExactlyInAnyOrder(new BsonInt32(10_000), new BsonInt32(19_999));
        assertThat(ids(run, "missing_on_destination"))
                .containsExactlyInAnyOrder(
                        new BsonInt32(0), new BsonInt32(59_999), new BsonInt32(20_000));
        assertThat(ids(run, "extra_on_destination"))
                .containsExactlyInAnyOrder(
                        new BsonInt64(20_000),
                        new BsonInt32(-5),
                        new BsonInt32(100_000),
                        new BsonDouble(15_000.5),
                        new BsonString("zzz"),
                        new BsonInt32(1),
                        new BsonString("two"));
    }

    private static List<BsonValue> ids(VerifyRun run, String kind) {
        return run.report().stream()
                .filter(line -> line.getString("kind").getValue().equals(kind))
                .map(line -> line.get("_id"))
                .toList();
    }
}
