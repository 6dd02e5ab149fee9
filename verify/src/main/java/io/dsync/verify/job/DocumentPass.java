package io.dsync.verify.job;

import io.dsync.verify.VerifyException;
import io.dsync.verify.source.ReadSpec;
import io.dsync.verify.source.VerifySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document comparison as a Flink BATCH job: the {@link VerifySource} cuts each namespace pair
 * into {@code _id} ranges, and each reader joins both sides of one range at a time by {@code _id}
 * ({@link RangeJoin}: memory is bounded by the documents of one range, whatever the data size, and
 * nothing is shuffled); only differences travel back to the client (at most {@link
 * ReadSpec#maxDifferences()} per subtask); counts come back as accumulators.
 *
 * <p>The environment comes from the caller: usually {@code
 * StreamExecutionEnvironment.getExecutionEnvironment(conf)} (embedded Flink when run locally, the
 * cluster's environment under {@code flink run}), or a MiniCluster the CLI started beforehand.
 */
public final class DocumentPass {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentPass.class);

    /** Counts seen while the job runs, for progress lines. */
    public interface ProgressListener {
        /**
         * @param read documents read, index {@code pair * 2 + side}
         * @param outcomes keys compared, index {@code pair * 4 + outcome ordinal}
         */
        void onProgress(long[] read, long[] outcomes);
    }

    /** What the job found. */
    public record Result(long[] read, long[] outcomes, List<DigestRecord> mismatches) {

        public long read(int pair, Side side) {
            return read[pair * 2 + side.ordinal()];
        }

        public long outcome(int pair, Outcome outcome) {
            return outcomes[pair * Outcome.count() + outcome.ordinal()];
        }
    }

    private DocumentPass() {}

    /**
     * Runs the job to completion.
     *
     * @param environments the environment to run in, for a configuration
     * @param parallelism the job's parallelism, or 0 for the environment's default
     * @param progressInterval how often to poll progress; zero for never
     */
    public static Result run(
            ReadSpec spec,
            Function<Configuration, StreamExecutionEnvironment> environments,
            Configuration flinkConfiguration,
            int parallelism,
            Duration progressInterval,
            ProgressListener listener) {
        int pairs = spec.pairs().size();
        Configuration conf = new Configuration(flinkConfiguration);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = environments.apply(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        CloseableIterator<DigestRecord> mismatches =
                env.fromSource(
                                new VerifySource(spec),
                                WatermarkStrategy.noWatermarks(),
                                "Join source and destination by _id ranges",
                                VerifyTypes.COMPARED_RANGE)
                        .flatMap(
                                new TallyRanges(pairs, spec.maxDifferences()),
                                VerifyTypes.DIGEST_RECORD)
                        .name("Count outcomes, pass on differences")
                        .collectAsync();
        JobClient job;
        try {
            job = env.executeAsync("dsync verify");
        } catch (Exception e) {
            throw new VerifyException("Could not start the verify job: " + e.getMessage(), e);
        }
        ScheduledExecutorService poller = startPolling(job, progressInterval, listener);
        try (mismatches) {
            List<DigestRecord> collected = new ArrayList<>();
            while (mismatches.hasNext()) {
                collected.add(mismatches.next());
            }
            JobExecutionResult result = job.getJobExecutionResult().get();
            return new Result(
                    counts(result.getAccumulatorResult(TallyRanges.READ), pairs * 2),
                    counts(
                            result.getAccumulatorResult(TallyRanges.OUTCOMES),
                            pairs * Outcome.count()),
                    collected);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel();
            throw new VerifyException("Interrupted while the verify job ran", e);
        } catch (Exception e) {
            throw new VerifyException("The verify job failed: " + rootMessage(e), e);
        } finally {
            if (poller != null) {
                poller.shutdownNow();
            }
        }
    }

    private static ScheduledExecutorService startPolling(
            JobClient job, Duration interval, ProgressListener listener) {
        if (interval.isZero() || listener == null) {
            return null;
        }
        ScheduledExecutorService poller =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "dsync-verify-progress");
                            t.setDaemon(true);
                            return t;
                        });
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        Map<String, Object> accumulators =
                                job.getAccumulators().get(millis, TimeUnit.MILLISECONDS);
                        Object read = accumulators.get(TallyRanges.READ);
                        Object outcomes = accumulators.get(TallyRanges.OUTCOMES);
                        listener.onProgress(
                                read instanceof long[] r ? r : new long[0],
                                outcomes instanceof long[] o ? o : new long[0]);
                    } catch (Exception e) {
                        LOG.debug("No progress from the verify job this time", e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
        return poller;
    }

    private static long[] counts(Object accumulated, int size) {
        long[] counts = new long[size];
        if (accumulated instanceof long[] values) {
            System.arraycopy(values, 0, counts, 0, Math.min(size, values.length));
        }
        return counts;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
