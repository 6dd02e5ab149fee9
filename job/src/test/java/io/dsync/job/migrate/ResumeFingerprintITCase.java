package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.job.cli.UserError;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 9: {@code --resume} and {@code --from-savepoint} continue only this migration's
 * state. A full-mode savepoint is taken once; resuming it under another mode, with another
 * selection, or from a fresh {@code --checkpoint-dir} (whose {@code --savepoint-dir} holds another
 * run's newer savepoint) is refused before anything runs, naming the difference.
 */
class ResumeFingerprintITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS);

    @TempDir static Path state;

    private static Path savepoint;

    @BeforeAll
    static void takeAFullModeSavepoint() throws Exception {
        TestData.insertMixedIds(CLIENTS.source().getDatabase("rf").getCollection("a"), 200);
        TestData.insertMixedIds(CLIENTS.source().getDatabase("rf_new").getCollection("b"), 50);
        try (LocalMigration migration =
                new MigrationRunner(original().build(), quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            savepoint = Path.of(URI.create(migration.stopWithSavepoint()));
        }
    }

    private static MigrationSettings.Builder original() {
        return settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                .includes(List.of("rf"))
                .mode(Mode.FULL);
    }

    @Test
    void resumingAFullModeSavepointWithInitialSyncIsRefused() {
        assertRefused(
                original().mode(Mode.INITIAL_SYNC).resume(true),
                "--mode was full, now initial-sync");
    }

    @Test
    void resumingWithANewIncludeIsRefused() {
        assertRefused(
                original().includes(List.of("rf", "rf_new")).resume(true),
                "--include was rf, now rf,rf_new");
    }

    @Test
    void fromSavepointUnderAnotherMapIsRefused() {
        assertRefused(
                original().maps(List.of("rf:rf_v2")).fromSavepoint(savepoint),
                "--map was (none), now rf:rf_v2");
    }

    @Test
    void resumeFromAFreshCheckpointDirIgnoresAnotherRunsSavepoint() {
        // the savepoint directory is the one the first run used; the checkpoint directory is new
        MigrationSettings.Builder fresh =
                original().checkpointDir(state.resolve("fresh-checkpoints")).resume(true);
        assertRefused(fresh, "--resume: no checkpoint under");
    }

    @Test
    void resumingWithTheSameOptionsContinuesFromTheSavepoint() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LocalMigration resumed =
                new MigrationRunner(
                                original().resume(true).build(),
                                new PrintStream(out, true, StandardCharsets.UTF_8))
                        .start()) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Resuming from " + savepoint);
            resumed.cancel();
        }
    }

    private static void assertRefused(MigrationSettings.Builder settings, String difference) {
        assertThatThrownBy(
                        () -> new MigrationRunner(settings.build(), quietOutput()).start().close())
                .isInstanceOf(UserError.class)
                .hasMessageContaining(difference)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
