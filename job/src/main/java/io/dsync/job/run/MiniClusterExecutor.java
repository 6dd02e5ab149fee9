package io.dsync.job.run;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs what a {@link StreamExecutionEnvironment} executes on a MiniCluster that is already running
 * (Flink's local executor would start one per job), so that a local command can start Flink while
 * it does its other work. The job client is Flink's own MiniCluster client: {@code collectAsync}
 * results, accumulators and the job result work as with the local executor; the cluster outlives
 * the job.
 */
final class MiniClusterExecutor implements PipelineExecutor, PipelineExecutorServiceLoader {

    static final String NAME = "dsync-local";

    private final MiniCluster cluster;

    MiniClusterExecutor(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * An environment whose jobs run on the cluster, with {@code defaultParallelism} unless the
     * configuration sets one.
     */
    StreamExecutionEnvironment environment(Configuration configuration, int defaultParallelism) {
        Configuration conf = new Configuration(configuration);
        if (!conf.contains(CoreOptions.DEFAULT_PARALLELISM)) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, defaultParallelism);
        }
        conf.set(DeploymentOptions.TARGET, NAME);
        conf.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(
                this, conf, Thread.currentThread().getContextClassLoader());
    }

    @Override
    public CompletableFuture<JobClient> execute(
            Pipeline pipeline, Configuration configuration, ClassLoader classLoader)
            throws Exception {
        return cluster.submitJob(
                        PipelineExecutorUtils.getJobGraph(pipeline, configuration, classLoader))
                .thenApply(
                        submitted ->
                                new MiniClusterJobClient(
                                        submitted.getJobID(),
                                        cluster,
                                        classLoader,
                                        MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration conf) {
                return NAME.equals(conf.get(DeploymentOptions.TARGET));
            }

            @Override
            public PipelineExecutor getExecutor(Configuration conf) {
                return MiniClusterExecutor.this;
            }
        };
    }

    @Override
    public Stream<String> getExecutorNames() {
        return Stream.of(NAME);
    }
}
