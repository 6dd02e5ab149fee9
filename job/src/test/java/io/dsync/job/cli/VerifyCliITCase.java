package io.dsync.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dsync verify} through the command line, in embedded Flink: exit codes and report. */
class VerifyCliITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private static final String DB = "verify_cli";

    @AfterAll
    static void cleanUp() {
        try (MongoClient s = MongoClients.create(SERVERS.sourceUri());
                MongoClient d = MongoClients.create(SERVERS.destinationUri())) {
            s.getDatabase(DB).drop();
            d.getDatabase(DB).drop();
        }
    }

    @Test
    void exitCodesSayIdenticalDifferentOrError(@TempDir Path dir) throws Exception {
        try (MongoClient s = MongoClients.create(SERVERS.sourceUri());
                MongoClient d = MongoClients.create(SERVERS.destinationUri())) {
            s.getDatabase(DB).getCollection("c").insertOne(new Document("_id", 1).append("v", 1));
            d.getDatabase(DB).getCollection("c").insertOne(new Document("_id", 1).append("v", 1));

            CliRun same = verify("--include", DB, "--progress-interval", "0s");
            assertThat(same.exitCode()).as(same.err()).isEqualTo(ExitCodes.OK);
            assertThat(same.out()).contains("Result: IDENTICAL");

            d.getDatabase(DB).getCollection("c").insertOne(new Document("_id", 2));
            Path report = dir.resolve("report.jsonl");
            CliRun different =
                    verify(
                            "--include",
                            DB,
                            "--report",
                            report.toString(),
                            "--recheck",
                            "--recheck-delay",
                            "10ms",
                            "--recheck-rounds",
                            "1");
            assertThat(different.exitCode()).as(different.err()).isEqualTo(ExitCodes.FINDING);
            assertThat(Files.readAllLines(report))
                    .containsExactly(
                            "{\"namespace\": \""
                                    + DB
                                    + ".c\", \"_id\": {\"$numberInt\": \"2\"},"
                                    + " \"kind\": \"extra_on_destination\"}");
        }

        CliRun bad = verify("--compare", "loose");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(bad.err()).contains("raw-bytes or ignore-field-order");
    }

    private static CliRun verify(String... extra) {
        String[] args = new String[extra.length + 5];
        args[0] = "verify";
        args[1] = "--source";
        args[2] = SERVERS.sourceUri();
        args[3] = "--destination";
        args[4] = SERVERS.destinationUri();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CliRun.of(args);
    }
}
