package io.dsync.job.run;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink in this process (a MiniCluster with one TaskManager and as many slots as the job's
 * parallelism), for local runs: submit a job, optionally restored from a checkpoint or savepoint,
 * read its metrics as they are ({@link LiveMetrics}), stop it with a savepoint.
 */
public final class LocalFlink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);

    static final int SMALL_TASK_MANAGER_SLOTS = 4;
    static final MemorySize SMALL_NETWORK_MEMORY = MemorySize.ofMebiBytes(16);

    private final MiniCluster cluster;
    private final int slots;
    private final LiveMetrics metrics;

    private LocalFlink(MiniCluster cluster, int slots, LiveMetrics metrics) {
        this.cluster = cluster;
        this.slots = slots;
        this.metrics = metrics;
    }

    /**
     * Starts a MiniCluster from {@code configuration}, serving REST (and the web dashboard) on
     * {@code restPort} (0 picks a free port).
     */
    public static LocalFlink start(Configuration configuration, int slots, int restPort)
            throws Exception {
        Configuration conf = new Configuration(configuration);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, String.valueOf(restPort));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        sizeNetworkMemory(conf, slots);
        LiveMetrics metrics = LiveMetrics.create();
        LiveMetricsReporter.configure(conf, metrics);
        // The web dashboard's metrics: refreshed every second, not every 10 s (Flink's default).
        if (!conf.containsKey("metrics.fetcher.update-interval")) {
            conf.setString("metrics.fetcher.update-interval", "1000 ms");
        }
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build(),
                        () -> LocalRpcSystem.load(conf));
        try {
            cluster.start();
        } catch (Exception | Error e) {
            metrics.close();
            throw e;
        }
        return new LocalFlink(cluster, slots, metrics);
    }

    /**
     * Network memory for a small local TaskManager, unless the configuration sets it: 16 MB where
     * Flink would take 64 MB (and zero all of it at start, a fifth of a second here). The job has
     * one shuffle at most (by {@code _id}, when it follows the change stream); with {@value
     * #SMALL_TASK_MANAGER_SLOTS} slots its channels want under 200 buffers of 32 KB at Flink's
     * defaults, and 16 MB holds 512. Larger TaskManagers keep Flink's default.
     */
    static void sizeNetworkMemory(Configuration conf, int slots) {
        boolean configured =
                conf.contains(TaskManagerOptions.NETWORK_MEMORY_MIN)
                        || conf.contains(TaskManagerOptions.NETWORK_MEMORY_MAX)
                        || conf.contains(TaskManagerOptions.NETWORK_MEMORY_FRACTION);
        if (!configured && slots <= SMALL_TASK_MANAGER_SLOTS) {
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, SMALL_NETWORK_MEMORY);
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, SMALL_NETWORK_MEMORY);
        }
    }

    /**
     * Starts the MiniCluster on another thread (as {@link #start}), so that the caller can do its
     * other work meanwhile.
     */
    public static CompletableFuture<LocalFlink> startAsync(
            Configuration configuration, int slots, int restPort) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return start(configuration, slots, restPort);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
    }

    /**
     * Closes a MiniCluster being started once it is up, logging instead of failing; completes when
     * it is closed, or at once with nothing to close when it failed to start.
     */
    public static CompletableFuture<Void> closeWhenStarted(CompletableFuture<LocalFlink> starting) {
        return starting.thenAccept(LocalFlink::closeQuietly).exceptionally(notStarted -> null);
    }

    private static void closeQuietly(LocalFlink flink) {
        try {
            flink.close();
        } catch (Exception e) {
            LOG.warn("Could not shut the embedded Flink down cleanly", e);
        }
    }

    /**
     * An execution environment whose jobs ({@code execute}, {@code executeAsync}, {@code
     * collectAsync}) run on this cluster, by default with one subtask per slot.
     */
    public StreamExecutionEnvironment environment(Configuration configuration) {
        return new MiniClusterExecutor(cluster).environment(configuration, slots);
    }

    /**
     * Submits {@code job}, restored from {@code restoreFrom} when not null; state of operators the
     * job no longer has is refused unless {@code dropUnclaimedState}.
     */
    public JobID submit(JobGraph job, Path restoreFrom, boolean dropUnclaimedState)
            throws Exception {
        if (restoreFrom != null) {
            job.setSavepointRestoreSettings(
                    SavepointRestoreSettings.forPath(
                            restoreFrom.toUri().toString(), dropUnclaimedState));
        }
        return cluster.submitJob(job).get().getJobID();
    }

    /** {@code job}'s operator metrics, current (read in this process, not through REST). */
    public JobFigures figures(JobID job) {
        return metrics.of(job);
    }

    public URI restAddress() throws Exception {
        return cluster.getRestAddress().get(30, TimeUnit.SECONDS);
    }

    public JobStatus status(JobID job) throws Exception {
        return cluster.getJobStatus(job).get(30, TimeUnit.SECONDS);
    }

    /** Waits until the job ends and returns how it ended. */
    public JobResult awaitResult(JobID job) throws Exception {
        return ended(job).get();
    }

    /** Completes with how the job ended, once it has. */
    public CompletableFuture<JobResult> ended(JobID job) {
        return cluster.requestJobResult(job);
    }

    /** Stops the job with a savepoint under {@code directory}; returns the savepoint's path. */
    public String stopWithSavepoint(JobID job, Path directory) throws Exception {
        return cluster.stopWithSavepoint(
                        job,
                        directory.toAbsolutePath().toUri().toString(),
                        false,
                        SavepointFormatType.CANONICAL)
                .get(10, TimeUnit.MINUTES);
    }

    public void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.closeAsync().get(1, TimeUnit.MINUTES);
        } finally {
            metrics.close();
        }
    }
}
