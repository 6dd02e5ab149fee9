package io.dsync.job.run;

import io.dsync.job.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The Flink configuration of local runs: {@code flink-conf/config.yaml} (the same file a cluster is
 * meant to run with; found through {@code DSYNC_FLINK_CONF_DIR}, which {@code ./dsync} sets, or
 * {@code ./flink-conf}), then the command line's flags on top.
 */
public final class FlinkConfig {

    public static final String CONF_DIR_ENV = "DSYNC_FLINK_CONF_DIR";

    private FlinkConfig() {}

    /** Loads {@code config.yaml} when there is one, else Flink's defaults. */
    public static Configuration base() {
        String dir = System.getenv(CONF_DIR_ENV);
        Path confDir = dir != null ? Path.of(dir) : Path.of("flink-conf");
        if (Files.isRegularFile(confDir.resolve("config.yaml"))) {
            return GlobalConfiguration.loadConfiguration(confDir.toAbsolutePath().toString());
        }
        return new Configuration();
    }

    /**
     * Checkpointing to {@code checkpointDir} every {@code interval}, kept when cancelled; every
     * {@code copyInterval} (or {@code interval}, if longer: Flink requires it) while the source
     * reports a backlog (the initial copy still has ranges to read, FLIP-309). When the backlog
     * ends, Flink brings the next checkpoint forward to {@code interval}, so the copy's end is
     * durable soon after its last range is read. Checkpoints are aligned ({@link
     * #requireAlignedCheckpoints}).
     */
    public static void checkpointing(
            Configuration conf,
            Duration interval,
            Duration copyInterval,
            String checkpointDir,
            String savepointDir) {
        conf.setString("execution.checkpointing.interval", interval.toMillis() + " ms");
        Duration duringCopy = copyInterval.compareTo(interval) < 0 ? interval : copyInterval;
        conf.setString(
                "execution.checkpointing.interval-during-backlog", duringCopy.toMillis() + " ms");
        conf.setString(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        requireAlignedCheckpoints(conf);
        if (checkpointDir != null) {
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY, StateLocation.toUri(checkpointDir));
        }
        if (savepointDir != null) {
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, StateLocation.toUri(savepointDir));
        }
        if (!conf.containsKey("state.backend.type")) {
            conf.setString("state.backend.type", "rocksdb");
            conf.setString("execution.checkpointing.incremental", "true");
        }
        if (!conf.containsKey("restart-strategy.type")) {
            conf.setString("restart-strategy.type", "exponential-delay");
        }
    }

    /**
     * Refuses a configuration that enables unaligned checkpoints and turns them off explicitly (so
     * a cluster's default cannot turn them on for the job). A completed checkpoint must mean that
     * every record before its barrier was processed and written: a DDL takes effect, and the race
     * guard's state is checkpointed, on that promise. An unaligned checkpoint stores the records in
     * flight instead of processing them first (connectors/README.md, "DDL events").
     */
    static void requireAlignedCheckpoints(Configuration conf) {
        if (conf.get(CheckpointingOptions.ENABLE_UNALIGNED)) {
            throw new UserError(
                    CheckpointingOptions.ENABLE_UNALIGNED.key()
                            + " is true in the Flink configuration: dsync needs aligned"
                            + " checkpoints (a completed checkpoint must mean every change before"
                            + " it is written); remove the setting");
        }
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
    }
}
