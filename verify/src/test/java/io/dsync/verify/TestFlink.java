package io.dsync.verify;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster of the verify ITCases. */
final class TestFlink {

    private TestFlink() {}

    /** One task manager with two slots; the job runs with parallelism 2. */
    static MiniClusterExtension miniCluster() {
        return miniCluster(new Configuration());
    }

    static MiniClusterExtension miniCluster(Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .setConfiguration(configuration)
                        .build());
    }
}
