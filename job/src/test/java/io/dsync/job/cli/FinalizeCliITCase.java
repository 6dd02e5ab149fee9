package io.dsync.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dsync finalize} through the command line (case 5 of issue 16): real duplicates at the
 * destination are one line naming the documents by {@code _id}, exit code 2, nothing changed; once
 * resolved, the index is converted to unique with the {@code --map} applied.
 */
class FinalizeCliITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private static final String DB = "finalize_cli";
    private static final String MAPPED = "finalize_cli_v2";
    private static final String ONCE = "finalize_cli_once";

    @TempDir static Path state;

    @AfterAll
    static void cleanUp() {
        try (MongoClient s = MongoClients.create(SERVERS.sourceUri());
                MongoClient d = MongoClients.create(SERVERS.destinationUri())) {
            s.getDatabase(DB).drop();
            d.getDatabase(MAPPED).drop();
            s.getDatabase(ONCE).drop();
            d.getDatabase(ONCE).drop();
        }
    }

    @Test
    void realDuplicatesAreReportedByIdAndNothingIsChanged() {
        try (MongoClient s = MongoClients.create(SERVERS.sourceUri());
                MongoClient d = MongoClients.create(SERVERS.destinationUri())) {
            s.getDatabase(DB)
                    .getCollection("users")
                    .createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            MongoCollection<Document> users = d.getDatabase(MAPPED).getCollection("users");
            users.createIndex(Indexes.ascending("email"));
            users.insertOne(new Document("_id", 1).append("email", "x"));
            users.insertOne(new Document("_id", 2).append("email", "x"));

            CliRun duplicates = finalizeRun();

            assertThat(duplicates.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(duplicates.err().strip())
                    .isEqualTo(
                            "dsync: error: Cannot make index email_1 of "
                                    + MAPPED
                                    + ".users unique: documents share a key, by _id 1, 2. Nothing"
                                    + " was deleted and these indexes stay non-unique: resolve the"
                                    + " duplicates (compare them with the source) and run finalize"
                                    + " again.");
            assertThat(users.countDocuments()).isEqualTo(2);

            users.deleteOne(new Document("_id", 2));
            CliRun converted = finalizeRun();

            assertThat(converted.exitCode()).as(converted.err()).isEqualTo(ExitCodes.OK);
            assertThat(converted.out())
                    .contains("Unique now: " + MAPPED + ".users email_1")
                    .contains("1 unique indexes converted");
            assertThat(users.listIndexes().into(new ArrayList<>()))
                    .anySatisfy(index -> assertThat(index.get("unique")).isEqualTo(true));
        }
    }

    @Test
    void anInitialSyncFinalizesByItself() {
        try (MongoClient s = MongoClients.create(SERVERS.sourceUri());
                MongoClient d = MongoClients.create(SERVERS.destinationUri())) {
            MongoCollection<Document> users = s.getDatabase(ONCE).getCollection("users");
            users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            users.insertOne(new Document("_id", 1).append("email", "x"));

            CliRun run =
                    CliRun.of(
                            "migrate",
                            "--source",
                            SERVERS.sourceUri(),
                            "--destination",
                            SERVERS.destinationUri(),
                            "--include",
                            ONCE,
                            "--mode",
                            "initial-sync",
                            "--checkpoint-dir=" + state.resolve("cp"),
                            "--savepoint-dir=" + state.resolve("sp"));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out())
                    .contains("Unique now: " + ONCE + ".users email_1")
                    .contains("Initial sync complete.");
            assertThat(
                            d.getDatabase(ONCE)
                                    .getCollection("users")
                                    .listIndexes()
                                    .into(new ArrayList<>()))
                    .anySatisfy(index -> assertThat(index.get("unique")).isEqualTo(true));
        }
    }

    @Test
    void helpNamesTheCommandAndWhenToRunIt() {
        assertThat(CliRun.of("--help").out()).contains("finalize");
        assertThat(CliRun.of("finalize", "--help").out().replaceAll("\\s+", " "))
                .contains(
                        "--source", "--map", "cutover", "--mode initial-sync finalizes by itself");
    }

    private static CliRun finalizeRun() {
        return CliRun.of(
                "finalize",
                "--source",
                SERVERS.sourceUri(),
                "--destination",
                SERVERS.destinationUri(),
                "--include",
                DB,
                "--map",
                DB + ":" + MAPPED);
    }
}
