package io.dsync.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, case 9: what a migration's state is recorded as belonging to. */
class StateFingerprintTest {

    @TempDir Path dir;

    private MigrationSettings.Builder settings() {
        return MigrationSettings.builder()
                .source("mongodb://alice:p%40ss%3Aw0rd@h2:27018,H1/?replicaSet=rs0")
                .destination("mongodb://bob:t0p%2Fsecret@dest")
                .includes(List.of("shop", "crm.*"));
    }

    @Test
    void recordsHostsWithoutCredentialsAndNamesEveryDifference() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        StateFingerprint.of(settings().build(), checkpoints).writeTo(checkpoints.resolve("job1"));
        String file = Files.readString(checkpoints.resolve("job1").resolve(StateFingerprint.FILE));
        assertThat(file)
                .contains("h1\\:27017,h2\\:27018")
                .doesNotContain("alice")
                .doesNotContain("p%40ss")
                .doesNotContain("t0p")
                .doesNotContain("secret");

        // a checkpoint JOB/chk-N finds its job's record
        StateFingerprint recorded =
                StateFingerprint.recordedFor(checkpoints.resolve("job1").resolve("chk-7")).get();
        StateFingerprint same =
                StateFingerprint.of(
                        settings()
                                .source("mongodb://other:pw@h1:27017,h2:27018/?w=majority")
                                .includes(List.of("crm.*", "shop"))
                                .build(),
                        checkpoints);
        assertThat(same.differencesFrom(recorded)).isEmpty();
        assertThat(same.sameCheckpointDir(recorded)).isTrue();

        StateFingerprint other =
                StateFingerprint.of(
                        settings()
                                .destination("mongodb://elsewhere")
                                .mode(Mode.CDC)
                                .maps(List.of("shop:shop_v2"))
                                .build(),
                        dir.resolve("other"));
        assertThat(other.differencesFrom(recorded))
                .containsExactly(
                        "--destination was dest:27017, now elsewhere:27017",
                        "--map was (none), now shop:shop_v2",
                        "--mode was full, now cdc");
        assertThat(other.sameCheckpointDir(recorded)).isFalse();
        assertThat(StateFingerprint.recordedFor(dir.resolve("nothing/chk-1"))).isEmpty();
    }
}
