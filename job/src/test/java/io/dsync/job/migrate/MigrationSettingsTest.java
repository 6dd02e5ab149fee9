package io.dsync.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MigrationSettingsTest {

    private static MigrationSettings.Builder settings(Mode mode) {
        return MigrationSettings.builder()
                .source("mongodb://source")
                .destination("mongodb://destination")
                .mode(mode);
    }

    @Test
    void checkpointIntervalDefaultsToTheModes() {
        assertThat(settings(Mode.FULL).build().checkpointInterval())
                .isEqualTo(MigrationSettings.DEFAULT_CHECKPOINT_INTERVAL);
        assertThat(settings(Mode.CDC).build().checkpointInterval())
                .isEqualTo(MigrationSettings.DEFAULT_CHECKPOINT_INTERVAL);
        assertThat(settings(Mode.INITIAL_SYNC).build().checkpointInterval())
                .isEqualTo(MigrationSettings.DEFAULT_INITIAL_SYNC_CHECKPOINT_INTERVAL);
    }

    @Test
    void aGivenCheckpointIntervalWinsInEveryMode() {
        Duration given = Duration.ofSeconds(7);
        for (Mode mode : Mode.values()) {
            assertThat(settings(mode).checkpointInterval(given).build().checkpointInterval())
                    .isEqualTo(given);
        }
        assertThatThrownBy(
                        () ->
                                settings(Mode.INITIAL_SYNC)
                                        .checkpointInterval(Duration.ofMillis(10))
                                        .build())
                .hasMessageContaining("--checkpoint-interval");
    }
}
