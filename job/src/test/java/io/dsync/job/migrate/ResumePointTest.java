package io.dsync.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.job.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, case 9: which state {@code --resume} considers, and what it refuses. */
class ResumePointTest {

    @TempDir Path dir;

    private Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    private Path savepoints() {
        return dir.resolve("savepoints");
    }

    private MigrationSettings.Builder settings() {
        return MigrationSettings.builder()
                .source("mongodb://u:pw@src:27017/")
                .destination("mongodb://dst:27017/")
                .includes(List.of("shop"))
                .resume(true);
    }

    /** A completed snapshot in {@code snapshot}, its metadata written at {@code millis}. */
    private static Path snapshot(Path snapshot, long millis) throws Exception {
        Files.createDirectories(snapshot);
        Files.writeString(snapshot.resolve("_metadata"), "x");
        Files.setLastModifiedTime(snapshot.resolve("_metadata"), FileTime.fromMillis(millis));
        return snapshot;
    }

    private Path find(MigrationSettings settings) {
        return ResumePoint.find(
                settings,
                StateFingerprint.of(settings, checkpoints()),
                checkpoints(),
                savepoints());
    }

    @Test
    void takesTheNewestSnapshotOfThisMigrationOnly() throws Exception {
        MigrationSettings shop = settings().build();
        MigrationSettings crm = settings().includes(List.of("crm")).build();
        StateFingerprint.of(shop, checkpoints()).writeTo(checkpoints().resolve("job1"));
        Path shopCheckpoint = snapshot(checkpoints().resolve("job1/chk-3"), 1_000);
        StateFingerprint.of(crm, checkpoints()).writeTo(checkpoints().resolve("job2"));
        snapshot(checkpoints().resolve("job2/chk-9"), 2_000);
        // a newer savepoint of a run with another --checkpoint-dir, in the shared savepoint dir
        Path foreign = snapshot(savepoints().resolve("savepoint-aaaaaa-1"), 3_000);
        StateFingerprint.of(shop, dir.resolve("elsewhere")).writeTo(foreign);

        assertThat(find(shop)).isEqualTo(shopCheckpoint);

        Path shopSavepoint = snapshot(savepoints().resolve("savepoint-bbbbbb-2"), 4_000);
        StateFingerprint.of(shop, checkpoints()).writeTo(shopSavepoint);
        assertThat(find(shop)).isEqualTo(shopSavepoint);
    }

    @Test
    void refusesStateOfAnotherMigrationNamingTheDifference() throws Exception {
        MigrationSettings shop = settings().build();
        StateFingerprint.of(shop, checkpoints()).writeTo(checkpoints().resolve("job1"));
        snapshot(checkpoints().resolve("job1/chk-3"), 1_000);

        assertThatThrownBy(() -> find(settings().mode(Mode.INITIAL_SYNC).build()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(
                        "belongs to another migration (--mode was full, now initial-sync)")
                .hasMessageContaining("start fresh");
        assertThatThrownBy(
                        () ->
                                find(
                                        settings()
                                                .resume(false)
                                                .fromSavepoint(checkpoints().resolve("job1/chk-3"))
                                                .destination("mongodb://other/")
                                                .build()))
                .hasMessageStartingWith("--from-savepoint: ")
                .hasMessageContaining("--destination was dst:27017, now other:27017");
    }

    @Test
    void refusesStateWithoutARecordAndFindsNothingInAnEmptyDirectory() throws Exception {
        assertThatThrownBy(() -> find(settings().build()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("--resume: no checkpoint under " + checkpoints());

        Path legacy = snapshot(checkpoints().resolve("job0/chk-1"), 1_000);
        assertThatThrownBy(() -> find(settings().build()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("has no record of the migration it belongs to")
                .hasMessageContaining("--from-savepoint " + legacy);
        // given explicitly, state without a record is continued
        assertThat(find(settings().resume(false).fromSavepoint(legacy).build())).isEqualTo(legacy);
    }
}
