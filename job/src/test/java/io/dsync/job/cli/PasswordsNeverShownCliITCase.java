package io.dsync.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 11: whatever goes wrong, {@code migrate} and {@code verify} print no password,
 * with or without {@code --verbose}, however awkward the password and however it is written in the
 * connection string (percent-encoded as it should be, or with {@code @ / ?} left unencoded).
 */
class PasswordsNeverShownCliITCase {

    /** The source's real password, and how a careful user writes it in a connection string. */
    private static final String PASSWORD = "p@ss:w%rd/?#x";

    private static final String ENCODED = "p%40ss%3Aw%25rd%2F%3F%23x";

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @TempDir static Path state;

    private static EmbeddedMongoServer secured;

    @BeforeAll
    static void startASecuredSource() {
        secured = MongoTestServers.startEmbedded(builder -> builder.user("alice", PASSWORD));
        try (MongoClient client = MongoClients.create(uri("alice:" + ENCODED))) {
            client.getDatabase("pw").getCollection("a").insertOne(new Document("_id", 1));
        }
    }

    @AfterAll
    static void stop() {
        secured.close();
    }

    /** The secured source's connection string with {@code userInfo} before its host. */
    private static String uri(String userInfo) {
        return secured.connectionString().replace("mongodb://", "mongodb://" + userInfo + "@");
    }

    @Test
    void authenticationFailureWithAnAwkwardPassword() {
        String wrong = "wr%40ng%2Fpw%3Fx";
        for (CliRun run : bothVerbosities("migrate", "--source", uri("alice:" + wrong))) {
            assertThat(run.err()).contains("authentication to the source");
            assertShowsNone(run, wrong, "wr@ng/pw?x", "wr@ng");
        }
    }

    @Test
    void refusalAfterConnectingWithTheRightPassword() {
        for (CliRun run :
                bothVerbosities(
                        "migrate", "--source", uri("alice:" + ENCODED), "--include", "nosuch")) {
            assertThat(run.err()).contains("--include nosuch matches no collection");
            assertShowsNone(run);
        }
    }

    @Test
    void anUnencodedSlashThatTheDriverWouldTakeForAPort() {
        // the driver cuts at the first '/': host 'alice', port 's3cr3t'
        for (CliRun run : bothVerbosities("migrate", "--source", uri("alice:s3cr3t/leak"))) {
            assertThat(run.err()).contains("must be percent-encoded");
            assertShowsNone(run, "s3cr3t", "leak");
        }
        for (CliRun run : bothVerbosities("verify", "--source", uri("alice:s3cr3t/leak"))) {
            assertShowsNone(run, "s3cr3t", "leak");
        }
        // accepted by the driver, which would connect to host 'alice', port 12
        for (String command : List.of("migrate", "verify")) {
            for (CliRun run : bothVerbosities(command, "--source", uri("alice:12/x"))) {
                assertThat(run.err()).contains("must be percent-encoded");
                assertShowsNone(run, "alice:12", "12/x");
            }
        }
    }

    @Test
    void connectionStringsFromAnArgumentFile() throws Exception {
        // as the Kubernetes manifests pass them: picocli expands @FILE into the options in it
        // and a connection string quoted by an error message, with a space no pattern sees past
        Path file = state.resolve("connections.args");
        String quoted = "\"" + uri("alice:s3cr3t w0rd") + "\"";
        Files.writeString(file, "--source " + quoted + "\n" + quoted + "\n");
        for (CliRun run : bothVerbosities("verify", "@" + file)) {
            assertThat(run.err()).contains("Unmatched argument");
            assertShowsNone(run, "s3cr3t w0rd", "w0rd@");
        }
    }

    @Test
    void unencodedAtSignsBeforeTheHost() {
        for (CliRun run : bothVerbosities("migrate", "--source", uri("alice:p@ss@w0rd"))) {
            assertShowsNone(run, "p@ss@w0rd", "ss@w0rd", "w0rd");
        }
        for (CliRun run : bothVerbosities("migrate", "--source", uri("alice:a@b0b/c4t"))) {
            assertShowsNone(run, "b0b/c4t", "b0b", "c4t");
        }
    }

    @Test
    void usageErrorsQuotingTheConnectionString() {
        for (CliRun run :
                bothVerbosities(
                        "migrate", "--source", uri("alice:" + ENCODED), uri("alice:x@y0y/z0z"))) {
            assertThat(run.err()).contains("Unmatched argument");
            assertShowsNone(run, "y0y/z0z", "z0z");
        }
    }

    /** Runs {@code command} with the destination and {@code args}, then again with --verbose. */
    private static List<CliRun> bothVerbosities(String command, String... args) {
        List<CliRun> runs = new ArrayList<>();
        for (boolean verbose : new boolean[] {false, true}) {
            List<String> all = new ArrayList<>(List.of(command));
            all.addAll(List.of(args));
            all.addAll(
                    List.of(
                            "--destination",
                            SERVERS.destinationUri(),
                            command.equals("migrate")
                                    ? "--checkpoint-dir=" + state.resolve("cp")
                                    : "--quick"));
            if (verbose) {
                all.add("--verbose");
            }
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", all)).isEqualTo(ExitCodes.ERROR);
            if (verbose && !run.err().contains("Unmatched argument")) {
                assertThat(run.err()).as("the stack trace").contains("\tat ");
            }
            runs.add(run);
        }
        return runs;
    }

    private static void assertShowsNone(CliRun run, String... alsoSecret) {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, ENCODED, "w%rd", "w%25rd"));
        secrets.addAll(List.of(alsoSecret));
        for (String secret : secrets) {
            assertThat(run.out()).as("stdout").doesNotContain(secret);
            assertThat(run.err()).as("stderr").doesNotContain(secret);
        }
    }
}
