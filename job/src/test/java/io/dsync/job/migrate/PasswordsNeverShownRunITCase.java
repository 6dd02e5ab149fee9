package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 11: a running migration between two deployments that require awkward passwords
 * shows neither of them in its output, in any log line (at INFO, as {@code ./dsync} logs into
 * dsync-state/logs), or in any answer of Flink's REST API, which the web dashboard ({@code
 * --web-ui}) shows: the job, its plan and configuration, its vertices and their metrics, the
 * cluster's configuration and environment.
 */
class PasswordsNeverShownRunITCase {

    private static final String SOURCE_PASSWORD = "p@ss:w%rd/?#x";
    private static final String SOURCE_ENCODED = "p%40ss%3Aw%25rd%2F%3F%23x";
    private static final String DESTINATION_PASSWORD = "@:/?#%40 x";
    private static final String DESTINATION_ENCODED = "%40%3A%2F%3F%23%2540%20x";

    @TempDir Path state;

    @Test
    void aRunningMigrationShowsNoPasswordInOutputLogsOrRestAnswers() throws Exception {
        StringWriter logs = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> shown = new ArrayList<>();
        try (EmbeddedMongoServer source =
                        MongoTestServers.startEmbedded(b -> b.user("alice", SOURCE_PASSWORD));
                EmbeddedMongoServer destination =
                        MongoTestServers.startEmbedded(b -> b.user("bob", DESTINATION_PASSWORD));
                CapturedLogs captured = CapturedLogs.start(logs)) {
            String sourceUri = withUser(source, "alice:" + SOURCE_ENCODED);
            String destinationUri = withUser(destination, "bob:" + DESTINATION_ENCODED);
            try (MongoClient client = MongoClients.create(sourceUri)) {
                TestData.insertMixedIds(client.getDatabase("pw").getCollection("a"), 100);
            }
            MigrationSettings settings =
                    MigrationTestSupport.settings(sourceUri, destinationUri, state)
                            .includes(List.of("pw"))
                            .webUiPort(0)
                            .build();
            try (LocalMigration migration =
                    new MigrationRunner(
                                    settings, new PrintStream(out, true, StandardCharsets.UTF_8))
                            .start()) {
                awaitSnapshotComplete(migration);
                shown.addAll(restAnswers(migration.restAddress(), migration.jobId().toString()));
                migration.stopWithSavepoint();
            }
        }
        shown.add(out.toString(StandardCharsets.UTF_8));
        shown.add(logs.toString());
        // nor in the state kept on disk: checkpoints, the savepoint, what they belong to
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                shown.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(shown.get(shown.size() - 1)).as("the state files were read").isNotEmpty();
        assertThat(logs.toString()).as("the log lines were captured").contains("pw.a");
        for (String text : shown) {
            for (String secret :
                    List.of(
                            SOURCE_PASSWORD,
                            SOURCE_ENCODED,
                            "w%rd",
                            "w%25rd",
                            DESTINATION_PASSWORD,
                            DESTINATION_ENCODED,
                            "%2540")) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    private static String withUser(EmbeddedMongoServer server, String userInfo) {
        return server.connectionString().replace("mongodb://", "mongodb://" + userInfo + "@");
    }

    /** What the REST API answers about the cluster, the job and each of its vertices. */
    private static List<String> restAnswers(URI rest, String job) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> answers = new ArrayList<>();
        List<String> paths =
                new ArrayList<>(
                        List.of(
                                "/config",
                                "/jobmanager/config",
                                "/jobmanager/environment",
                                "/jobmanager/metrics",
                                "/taskmanagers",
                                "/jobs/overview",
                                "/jobs/" + job,
                                "/jobs/" + job + "/plan",
                                "/jobs/" + job + "/config",
                                "/jobs/" + job + "/exceptions",
                                "/jobs/" + job + "/checkpoints",
                                "/jobs/" + job + "/checkpoints/config",
                                "/jobs/" + job + "/jobmanager/config",
                                "/jobs/" + job + "/jobmanager/environment"));
        String plan = get(http, rest, "/jobs/" + job + "/plan");
        for (Document node :
                Document.parse(plan).get("plan", Document.class).getList("nodes", Document.class)) {
            String vertex = node.getString("id");
            paths.add("/jobs/" + job + "/vertices/" + vertex);
            paths.add("/jobs/" + job + "/vertices/" + vertex + "/metrics");
            paths.add("/jobs/" + job + "/vertices/" + vertex + "/subtasks/metrics");
            paths.add("/jobs/" + job + "/vertices/" + vertex + "/taskmanagers");
        }
        for (String path : paths) {
            answers.add(get(http, rest, path));
        }
        return answers;
    }

    private static String get(HttpClient http, URI rest, String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(rest.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    /** Every log event at INFO and above, as ./dsync's log file would get it. */
    private static final class CapturedLogs implements AutoCloseable {
        private final LoggerContext context;
        private final WriterAppender appender;
        private final Level previous;

        private CapturedLogs(LoggerContext context, WriterAppender appender, Level previous) {
            this.context = context;
            this.appender = appender;
            this.previous = previous;
        }

        static CapturedLogs start(StringWriter into) {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            Configuration config = context.getConfiguration();
            WriterAppender appender =
                    WriterAppender.newBuilder()
                            .setName("password-capture")
                            .setTarget(into)
                            .setLayout(
                                    PatternLayout.newBuilder()
                                            .withPattern("%c - %m%n%throwable")
                                            .build())
                            .build();
            appender.start();
            LoggerConfig root = config.getRootLogger();
            Level previous = root.getLevel();
            root.addAppender(appender, Level.INFO, null);
            root.setLevel(Level.INFO);
            context.updateLoggers();
            return new CapturedLogs(context, appender, previous);
        }

        @Override
        public void close() {
            LoggerConfig root = context.getConfiguration().getRootLogger();
            root.removeAppender(appender.getName());
            root.setLevel(previous);
            context.updateLoggers();
            appender.stop();
        }
    }
}
