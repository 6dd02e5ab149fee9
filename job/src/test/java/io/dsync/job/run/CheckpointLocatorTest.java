package io.dsync.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointLocatorTest {

    @TempDir Path dir;

    @Test
    void findsTheNewestCompletedCheckpointOrSavepoint() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Path savepoints = dir.resolve("savepoints");
        Path older = Files.createDirectories(checkpoints.resolve("job1/chk-3"));
        Path newer = Files.createDirectories(savepoints.resolve("savepoint-abc"));
        Files.createDirectories(checkpoints.resolve("job1/chk-4")); // in progress: no _metadata
        Files.writeString(older.resolve("_metadata"), "x");
        Files.writeString(newer.resolve("_metadata"), "x");
        Files.setLastModifiedTime(older.resolve("_metadata"), FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(newer.resolve("_metadata"), FileTime.fromMillis(2_000));

        assertThat(CheckpointLocator.newest(checkpoints, savepoints)).contains(newer);
        assertThat(CheckpointLocator.newest(checkpoints)).contains(older);
        assertThat(CheckpointLocator.newest(dir.resolve("none"))).isEmpty();
    }
}
