package io.dsync.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class LocalFlinkTest {

    @Test
    void aSmallTaskManagerGetsLessNetworkMemoryThanFlinksLocalDefault() {
        Configuration conf = new Configuration();

        LocalFlink.sizeNetworkMemory(conf, 2);

        assertThat(conf.get(TaskManagerOptions.NETWORK_MEMORY_MIN))
                .isEqualTo(MemorySize.ofMebiBytes(16));
        assertThat(conf.get(TaskManagerOptions.NETWORK_MEMORY_MAX))
                .isEqualTo(MemorySize.ofMebiBytes(16));
    }

    @Test
    void aLargerTaskManagerKeepsFlinksDefault() {
        Configuration conf = new Configuration();

        LocalFlink.sizeNetworkMemory(conf, LocalFlink.SMALL_TASK_MANAGER_SLOTS + 1);

        assertThat(conf.contains(TaskManagerOptions.NETWORK_MEMORY_MIN)).isFalse();
        assertThat(conf.contains(TaskManagerOptions.NETWORK_MEMORY_MAX)).isFalse();
    }

    @Test
    void configuredNetworkMemoryIsLeftAsItIs() {
        Configuration fraction = new Configuration();
        fraction.set(TaskManagerOptions.NETWORK_MEMORY_FRACTION, 0.2f);
        Configuration max = new Configuration();
        max.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(128));

        LocalFlink.sizeNetworkMemory(fraction, 2);
        LocalFlink.sizeNetworkMemory(max, 2);

        assertThat(fraction.contains(TaskManagerOptions.NETWORK_MEMORY_MIN)).isFalse();
        assertThat(max.contains(TaskManagerOptions.NETWORK_MEMORY_MIN)).isFalse();
        assertThat(max.get(TaskManagerOptions.NETWORK_MEMORY_MAX))
                .isEqualTo(MemorySize.ofMebiBytes(128));
    }
}
