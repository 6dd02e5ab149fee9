package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure injection: the job fails and restarts from its last checkpoint mid-copy and mid-stream,
 * and goes through stop-with-savepoint / resume cycles with writes made while it is stopped. Every
 * case ends with the destination equal to the source.
 */
class MigrationFailoverITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS);

    @TempDir Path state;

    private final MongoClient source = CLIENTS.source();
    private final MongoClient destination = CLIENTS.destination();

    @Test
    void restartsFromTheLastCheckpointAfterAFailureMidCopy() throws Exception {
        TestData.insertMixedIds(source.getDatabase("fo_copy").getCollection("a"), 2_000);
        TestData.insertMixedIds(source.getDatabase("fo_copy").getCollection("b"), 1_000);
        List<String> written = List.of("fo_copy.a", "fo_copy.b");
        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("fo_copy"))
                        .rangeBytes(16 * 1024)
                        .build();
        try (SourceWriter writer = new SourceWriter(source, written, 11).start();
                LocalMigration migration =
                        new MigrationRunner(settings, quietOutput())
                                .withProbe(FailOnce.afterSnapshotRecords(1_500, 1))
                                .start()) {
            awaitSnapshotComplete(migration);
            writer.close();
            awaitCaughtUp(migration, source);
            assertThat(FailOnce.FAILED).isTrue();
            DatabaseAssertions.assertIdentical(source, destination, List.of("fo_copy"));
        }
    }

    @Test
    void restartsFromTheLastCheckpointAfterAFailureMidStream() throws Exception {
        TestData.insertMixedIds(source.getDatabase("fo_stream").getCollection("a"), 500);
        List<String> written = List.of("fo_stream.a", "fo_stream.b");
        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("fo_stream"))
                        .build();
        try (LocalMigration migration =
                new MigrationRunner(settings, quietOutput())
                        .withProbe(FailOnce.afterChangeEvents(300))
                        .start()) {
            awaitSnapshotComplete(migration);
            try (SourceWriter writer = new SourceWriter(source, written, 12).start()) {
                while (!FailOnce.FAILED.get()) {
                    Thread.sleep(100);
                }
                Thread.sleep(2_000);
            }
            awaitCaughtUp(migration, source);
            DatabaseAssertions.assertIdentical(source, destination, List.of("fo_stream"));
        }
    }

    @Test
    void resumesFromTheRetainedCheckpointAfterACrash() throws Exception {
        TestData.insertMixedIds(source.getDatabase("fo_crash").getCollection("a"), 500);
        List<String> written = List.of("fo_crash.a");
        MigrationSettings.Builder settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("fo_crash"));
        try (LocalMigration migration =
                new MigrationRunner(settings.build(), quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            new SourceWriter(source, written, 17).write(100);
            awaitCaughtUp(migration, source);
            // Like kill -9: the job goes away without a savepoint; its checkpoints stay.
            migration.cancel();
        }
        assertThat(io.dsync.job.run.CheckpointLocator.newest(state.resolve("checkpoints")))
                .as("a retained checkpoint under --checkpoint-dir")
                .isPresent();
        new SourceWriter(source, written, 18).write(200);
        try (LocalMigration resumed =
                new MigrationRunner(settings.resume(true).build(), quietOutput()).start()) {
            awaitCaughtUp(resumed, source);
            DatabaseAssertions.assertIdentical(source, destination, List.of("fo_crash"));
        }
    }

    @Test
    void stopsWithASavepointMidCopyAndResumesWithWritesMadeMeanwhile() throws Exception {
        TestData.insertMixedIds(source.getDatabase("fo_sp").getCollection("a"), 2_000);
        List<String> written = List.of("fo_sp.a", "fo_sp.c");
        MigrationSettings.Builder settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("fo_sp"))
                        .rangeBytes(16 * 1024);
        String savepoint;
        try (SourceWriter writer = new SourceWriter(source, written, 13).start();
                LocalMigration migration =
                        new MigrationRunner(settings.build(), quietOutput())
                                .withProbe(FailOnce.slowSnapshot(2))
                                .start()) {
            while (FailOnce.SEEN.get() < 500) {
                Thread.sleep(50);
            }
            savepoint = migration.stopWithSavepoint();
        }
        assertThat(Files.isDirectory(Path.of(java.net.URI.create(savepoint)))).isTrue();
        new SourceWriter(source, written, 14).write(300);

        // Resumed: the copy goes on where it stopped; the stream from the token saved mid-copy.
        try (LocalMigration migration =
                new MigrationRunner(settings.resume(true).build(), quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            new SourceWriter(source, written, 15).write(200);
            String second = migration.stopWithSavepoint();
            new SourceWriter(source, written, 16).write(200);
            try (LocalMigration again =
                    new MigrationRunner(
                                    settings.resume(false)
                                            .fromSavepoint(Path.of(java.net.URI.create(second)))
                                            .build(),
                                    quietOutput())
                            .start()) {
                awaitCaughtUp(again, source);
                DatabaseAssertions.assertIdentical(source, destination, List.of("fo_sp"));
            }
        }
    }

    @Test
    void initialSyncStopsWithASavepointMidCopyAndResumesFromIt() throws Exception {
        // no change stream: the sink is chained to the source, without the guard or a shuffle
        TestData.insertMixedIds(source.getDatabase("fo_init").getCollection("a"), 2_000);
        TestData.insertMixedIds(source.getDatabase("fo_init").getCollection("b"), 700);
        MigrationSettings.Builder settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("fo_init"))
                        .mode(Mode.INITIAL_SYNC)
                        .rangeBytes(16 * 1024);
        try (LocalMigration migration =
                new MigrationRunner(settings.build(), quietOutput())
                        .withProbe(FailOnce.slowSnapshot(2))
                        .start()) {
            while (FailOnce.SEEN.get() < 500) {
                Thread.sleep(50);
            }
            migration.stopWithSavepoint();
        }
        assertThat(destination.getDatabase("fo_init").getCollection("a").countDocuments())
                .isLessThan(2_000);

        try (LocalMigration migration =
                new MigrationRunner(settings.resume(true).build(), quietOutput()).start()) {
            migration.awaitSuccess();
        }
        DatabaseAssertions.assertIdentical(source, destination, List.of("fo_init"));
    }
}
