package io.dsync.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 5 of issue 16: a migration builds the source's unique indexes non-unique until it is
 * finalized. Verify reports such an index as a difference of its own kind and says to run the
 * finalization; once converted, the collections are identical.
 */
class VerifyNotYetUniqueIndexITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    private static final String DB = "verify_unique";

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, DB);

    @BeforeAll
    static void migrateWithoutFinalizing() {
        MongoCollection<Document> src = CLIENTS.source().getDatabase(DB).getCollection("users");
        MongoCollection<Document> dst =
                CLIENTS.destination().getDatabase(DB).getCollection("users");
        src.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        dst.createIndex(Indexes.ascending("email"));
        for (MongoCollection<Document> users : List.of(src, dst)) {
            users.insertOne(new Document("_id", 1).append("email", "x"));
        }
    }

    private static VerifyOptions.Builder options() {
        return VerifyOptions.builder()
                .sourceUri(SERVERS.sourceUri())
                .destinationUri(SERVERS.destinationUri())
                .includes(List.of(DB))
                .quick(true)
                .progressInterval(Duration.ZERO);
    }

    @Test
    void aStillNonUniqueIndexIsADifferenceThatNamesTheFinalization(@TempDir Path dir) {
        VerifyRun run = VerifyRun.of(options(), dir.resolve("report.jsonl"));

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(run.kinds()).containsExactly("index_not_unique_on_destination");
        assertThat(run.line("index_not_unique_on_destination").getString("index").getValue())
                .isEqualTo("email_1");
        assertThat(run.output())
                .contains(
                        "not unique yet on the destination: email_1 (unique on the source): run"
                                + " 'dsync finalize' with the same options");
    }

    @Test
    void theFinalizedIndexIsIdentical(@TempDir Path dir) {
        var destination = CLIENTS.destination().getDatabase(DB);
        try {
            for (String option : List.of("prepareUnique", "unique")) {
                destination.runCommand(
                        new Document("collMod", "users")
                                .append(
                                        "index",
                                        new Document("name", "email_1").append(option, true)));
            }
            VerifyRun run = VerifyRun.of(options(), dir.resolve("report.jsonl"));

            assertThat(run.exitCode()).isEqualTo(VerifyRunner.IDENTICAL);
        } finally {
            destination.getCollection("users").dropIndex("email_1");
            destination.getCollection("users").createIndex(Indexes.ascending("email"));
        }
    }
}
