package io.dsync.job.migrate;

import com.mongodb.client.MongoClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.BsonTimestamp;
import org.bson.Document;

/** Starting migrations and waiting for them, for the migration tests. */
final class MigrationTestSupport {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private MigrationTestSupport() {}

    static PrintStream quietOutput() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Waits until the copy is complete (every range read, indexes created). */
    static void awaitSnapshotComplete(LocalMigration migration) throws Exception {
        MigrationStatus status = new MigrationStatus(migration, quietOutput());
        awaitFigure(migration, status, "dsync.snapshotComplete", 1.0);
    }

    /**
     * Waits until every change the source made so far is durable at the destination: a checkpoint
     * completed after the change stream read past the source's current cluster time.
     */
    static void awaitCaughtUp(LocalMigration migration, MongoClient source) throws Exception {
        BsonTimestamp now =
                (BsonTimestamp)
                        source.getDatabase("admin")
                                .runCommand(new Document("ping", 1))
                                .get("operationTime");
        MigrationStatus status = new MigrationStatus(migration, quietOutput());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!MigrationStatus.durableAtLeast(status.figures(), now)) {
            if (!migration.isRunning()) {
                migration.awaitSuccess();
                throw new AssertionError("the migration ended while catching up");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out catching up to " + now + ": " + status.figures());
            }
            Thread.sleep(200);
        }
    }

    private static void awaitFigure(
            LocalMigration migration, MigrationStatus status, String name, double atLeast)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            if (!migration.isRunning()) {
                migration.awaitSuccess();
                throw new AssertionError("the migration ended while waiting for " + name);
            }
            Map<String, Double> figures = status.figures();
            if (figures.getOrDefault(name, -1.0) >= atLeast) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out waiting for "
                                + name
                                + " >= "
                                + atLeast
                                + "; figures "
                                + figures);
            }
            Thread.sleep(200);
        }
    }

    static MigrationSettings.Builder settings(
            String source, String destination, java.nio.file.Path state) {
        return MigrationSettings.builder()
                .source(source)
                .destination(destination)
                .parallelism(2)
                .checkpointInterval(Duration.ofMillis(500))
                .copyCheckpointInterval(Duration.ofMillis(500))
                .checkpointDir(state.resolve("checkpoints"))
                .savepointDir(state.resolve("savepoints"))
                .statusInterval(Duration.ofSeconds(1));
    }

    static List<String> databases(String... names) {
        return List.of(names);
    }
}
