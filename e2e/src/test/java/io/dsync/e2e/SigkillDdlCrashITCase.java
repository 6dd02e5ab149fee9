package io.dsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 12 ("the crash tests do not crash"), around DDLs: {@code dsync migrate} in a JVM
 * of its own killed with SIGKILL in the middle of a drop (on an embedded destination of its own,
 * {@link DropHold} holds the drop dsync sends until dsync is dead; against real deployments the
 * kill follows the stream's stop at the drop), and after a rename was applied but before a
 * checkpoint recorded it, while the application goes on writing; then {@code dsync migrate
 * --resume} with the same arguments must leave the destination byte for byte equal to the source,
 * indexes included ({@link CrashedMigration#resumeAndCompare}).
 */
class SigkillDdlCrashITCase {

    private static final Duration STEP = CrashedMigration.STEP;

    /** What the source reader logs when the change stream stops at a DDL event, and after it. */
    private static final String DDL_REACHED = "Change stream reached";

    private static final String DDL_APPLIED = " to the destination";

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, "crash_ddl", "crash_rename");

    @TempDir Path temp;

    private final List<CrashedMigration> migrations = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (CrashedMigration migration : migrations) {
            migration.close();
        }
    }

    private CrashedMigration migration(
            String db, String destinationUri, MongoClient destination, String... more) {
        CrashedMigration migration =
                new CrashedMigration(
                        temp,
                        db,
                        SERVERS.sourceUri(),
                        CLIENTS.source(),
                        destinationUri,
                        destination,
                        more);
        migrations.add(migration);
        return migration;
    }

    @Test
    void killedInTheMiddleOfADdl() throws Throwable {
        String db = "crash_ddl";
        // An embedded destination of its own holds dsync's drop until dsync is killed; real
        // deployments cannot, and there the kill follows the stream's stop at the drop.
        DropHold hold = SERVERS.embedded() ? new DropHold(db) : null;
        try (EmbeddedMongoServer ownDestination =
                        hold == null
                                ? null
                                : MongoTestServers.startEmbedded(
                                        builder -> builder.addCommandInterceptor(hold));
                MongoClient ownClient =
                        hold == null
                                ? null
                                : MongoClients.create(ownDestination.connectionString())) {
            // The rate limit holds the inserts before the drop back. A DDL is applied when a
            // checkpoint completes: without a hold, checkpoints far apart leave the time to kill.
            String[] options = {
                "--write-rate-limit", "300", "--checkpoint-interval", hold == null ? "10s" : "1s"
            };
            CrashedMigration migration =
                    hold == null
                            ? migration(
                                    db, SERVERS.destinationUri(), CLIENTS.destination(), options)
                            : migration(db, ownDestination.connectionString(), ownClient, options);
            killInTheMiddleOfADdl(db, migration, hold);
        } finally {
            if (hold != null) {
                hold.release();
            }
        }
    }

    private void killInTheMiddleOfADdl(String db, CrashedMigration migration, DropHold hold)
            throws Throwable {
        MongoClient source = CLIENTS.source();
        UncopiedRangeWriter.seed(source, db, List.of("tmp", "logs", "keep"), 300);
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, List.of("keep"), 300)) {
            writer.start();
            DsyncProcess first = migration.start("first");
            first.awaitOutput("copy complete", STEP);

            // The application: fills tmp, drops it and starts it anew; archives logs by renaming
            // it and starts a new logs; changes some archived documents.
            MongoCollection<Document> tmp = source.getDatabase(db).getCollection("tmp");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                batch.add(UncopiedRangeWriter.document(10_000 + i, "before the drop"));
            }
            tmp.insertMany(batch);
            tmp.drop();
            tmp.insertMany(
                    List.of(
                            UncopiedRangeWriter.document(1, "after the drop"),
                            UncopiedRangeWriter.document(2, "after the drop")));
            renameLogs(source, db);

            Await.until(
                    hold == null
                            ? "the change stream stopped at the drop"
                            : "dsync dropping tmp at the destination",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return hold == null ? first.log().contains(DDL_REACHED) : hold.arrived();
                    });
            first.kill();
            if (hold != null) {
                hold.release(); // the drop dsync sent before it died runs now
            }
            assertThat(
                            first.log()
                                    .lines()
                                    .filter(l -> l.contains("Applied ") && l.contains(DDL_APPLIED))
                                    .toList())
                    .as("the crash came before the DDL was recorded as applied")
                    .isEmpty();
            migration.resumeAndCompare(writer);
        } catch (Throwable failure) {
            migration.printOutputs();
            throw failure;
        }
    }

    @Test
    void killedAfterARenameWasAppliedBeforeACheckpointRecordedIt() throws Throwable {
        String db = "crash_rename";
        MongoClient source = CLIENTS.source();
        UncopiedRangeWriter.seed(source, db, List.of("logs", "keep"), 300);
        // A DDL is applied when a checkpoint completes and recorded by the next one, 10 s later.
        CrashedMigration migration =
                migration(
                        db,
                        SERVERS.destinationUri(),
                        CLIENTS.destination(),
                        "--checkpoint-interval",
                        "10s");
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, List.of("keep"), 300)) {
            writer.start();
            DsyncProcess first = migration.start("first");
            first.awaitOutput("copy complete", STEP);
            renameLogs(source, db);

            MongoClient destination = CLIENTS.destination();
            Await.until(
                    "the rename and the writes after it applied to the destination",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return first.log().contains("Applied RENAME")
                                && destination
                                                .getDatabase(db)
                                                .getCollection("logs")
                                                .countDocuments(Filters.eq("origin", "new logs"))
                                        == 1
                                && destination
                                                .getDatabase(db)
                                                .getCollection("logs_2024")
                                                .countDocuments(Filters.eq("archived", true))
                                        == 10;
                    });
            first.kill();
            String log = first.log();
            assertThat(log.substring(log.indexOf("Applied RENAME")))
                    .as("the crash came before a checkpoint recorded the rename")
                    .doesNotContain("Completed checkpoint");
            migration.resumeAndCompare(writer);
        } catch (Throwable failure) {
            migration.printOutputs();
            throw failure;
        }
    }

    /**
     * The application archives logs by renaming it to logs_2024, starts a new logs, and marks some
     * of the archived documents.
     */
    private static void renameLogs(MongoClient source, String db) {
        MongoCollection<Document> logs = source.getDatabase(db).getCollection("logs");
        logs.renameCollection(new MongoNamespace(db, "logs_2024"));
        logs.insertOne(UncopiedRangeWriter.document(7, "new logs"));
        source.getDatabase(db)
                .getCollection("logs_2024")
                .updateMany(Filters.lt("_id", 10), Updates.set("archived", true));
    }
}
