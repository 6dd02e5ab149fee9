package io.dsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.dsync.job.run.CheckpointLocator;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 12 ("the crash tests do not crash"): {@code dsync migrate} in a JVM of its own,
 * killed with SIGKILL in the middle of the copy (twice: the resumed run too) and in the middle of
 * following the change stream, while the application updates, replaces, deletes and re-inserts
 * documents of the ranges not yet copied (and goes on while dsync is down; during the copy it also
 * creates a collection as the migration starts and keeps inserting into it and deleting its oldest
 * documents, the scenario of case 14); then {@code dsync migrate --resume} with the same arguments
 * must complete the copy, catch up, and leave the destination byte for byte equal to the source,
 * indexes included ({@link CrashedMigration#resumeAndCompare}). Each crash point is reached by
 * watching dsync's progress (a completed checkpoint and destination counts, its status lines),
 * never by sleeping; a {@code --write-rate-limit} keeps the copy in progress long enough to get
 * there. {@link SigkillDdlCrashITCase} crashes it around DDLs.
 */
class SigkillCrashITCase {

    private static final Duration STEP = CrashedMigration.STEP;

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, "crash_copy", "crash_stream");

    @TempDir Path temp;

    private final List<CrashedMigration> migrations = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (CrashedMigration migration : migrations) {
            migration.close();
        }
    }

    private CrashedMigration migration(String db, String... more) {
        return migration(db, SERVERS.destinationUri(), CLIENTS.destination(), more);
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
    void killedMidCopyWhileTheApplicationRewritesTheRangesNotYetCopied() throws Throwable {
        String db = "crash_copy";
        List<String> collections = List.of("orders", "customers");
        int seeded = 2_500;
        UncopiedRangeWriter.seed(CLIENTS.source(), db, collections, seeded);
        // Small ranges, several per collection; the rate limit keeps the copy going for seconds.
        CrashedMigration migration =
                migration(db, "--write-rate-limit", "400", "--range-size", "65536");
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, collections, seeded)) {
            writer.start();
            DsyncProcess first = migration.start("first");
            // As the migration starts (its checks done, its start point taken next), the
            // application creates a collection and keeps inserting into it and deleting its
            // oldest documents (the scenario of case 14).
            first.awaitOutput("dsync migrate (full)", STEP);
            writer.rolling("events");
            Await.until(
                    "a checkpoint completed in the middle of the copy",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return DsyncProcess.holdsCompletedCheckpoint(migration.checkpoints())
                                && migration.destinationCount(collections) >= 800;
                    });
            first.kill();
            assertThat(first.linesWith("copy complete"))
                    .as("the crash came in the middle of the copy")
                    .isEmpty();
            long copied = migration.destinationCount(collections);
            assertThat(copied)
                    .as("documents at the destination when dsync was killed")
                    .isLessThan(seeded * collections.size());

            // Resumed, and killed again in the middle of the copy, after a checkpoint of its own.
            Path before = CheckpointLocator.newest(migration.checkpoints()).orElseThrow();
            DsyncProcess second = migration.resume("second");
            Await.until(
                    "a checkpoint of the resumed run completed in the middle of the copy",
                    STEP,
                    () -> {
                        second.requireAlive();
                        return !CheckpointLocator.newest(migration.checkpoints())
                                        .orElseThrow()
                                        .equals(before)
                                && migration.destinationCount(collections) >= copied + 400;
                    });
            second.kill();
            assertThat(second.linesWith("copy complete"))
                    .as("the second crash came in the middle of the copy")
                    .isEmpty();
            migration.resumeAndCompare(writer);
        } catch (Throwable failure) {
            migration.printOutputs();
            throw failure;
        }
    }

    @Test
    void killedWhileFollowingTheChangeStream() throws Throwable {
        String db = "crash_stream";
        List<String> collections = List.of("orders", "customers");
        int seeded = 1_000;
        UncopiedRangeWriter.seed(CLIENTS.source(), db, collections, seeded);
        CrashedMigration migration = migration(db);
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, collections, seeded)) {
            writer.start();
            DsyncProcess first = migration.start("first");
            first.awaitOutput("copy complete", STEP);
            long atCopyComplete = CrashedMigration.changesRead(first);
            Await.until(
                    "50 more change events read after the copy completed",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return CrashedMigration.changesRead(first) >= atCopyComplete + 50;
                    });
            first.kill();
            migration.resumeAndCompare(writer);
        } catch (Throwable failure) {
            migration.printOutputs();
            throw failure;
        }
    }
}
