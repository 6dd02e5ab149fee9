package io.dsync.job.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.job.cli.UserError;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class FlinkConfigTest {

    @Test
    void checkpointsAreAlignedEvenWhereTheDefaultWouldChange() {
        Configuration conf = new Configuration();

        FlinkConfig.checkpointing(conf, Duration.ofSeconds(3), Duration.ofSeconds(10), null, null);

        assertThat(conf.contains(CheckpointingOptions.ENABLE_UNALIGNED))
                .as("set explicitly, over a cluster's own default")
                .isTrue();
        assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isFalse();
    }

    @Test
    void aConfigurationWithUnalignedCheckpointsIsRefusedInOneLine() {
        for (String key :
                new String[] {
                    "execution.checkpointing.unaligned.enabled", "execution.checkpointing.unaligned"
                }) {
            Configuration conf = new Configuration();
            conf.setString(key, "true");

            assertThatThrownBy(
                            () ->
                                    FlinkConfig.checkpointing(
                                            conf,
                                            Duration.ofSeconds(3),
                                            Duration.ofSeconds(10),
                                            null,
                                            null))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("execution.checkpointing.unaligned.enabled")
                    .hasMessageContaining("aligned checkpoints")
                    .hasMessageNotContaining("\n");
        }
    }
}
