package io.dsync.job.cli;

import io.dsync.job.migrate.Endpoint;
import io.dsync.job.run.FlinkConfig;
import io.dsync.job.run.LocalFlink;
import io.dsync.verify.CompareMode;
import io.dsync.verify.VerifyException;
import io.dsync.verify.VerifyOptions;
import io.dsync.verify.VerifyRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dsync verify}: prove source and destination identical, or list what differs. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Compare the source and the destination after cutover (writes stopped): namespaces,"
                    + " exact counts, indexes, collection options and every document by _id"
                    + " (a Flink batch job). Exit 0 identical, 1 differences, 2 error.",
            "Pass the same --include/--exclude/--map as to migrate.",
            "Reads from the primary with read concern majority, as migrate does (readPreference"
                    + " other than primary and readConcernLevel other than majority are refused)."
        })
public final class VerifyCommand implements Callable<Integer> {

    @Mixin SelectionOptions selection;

    @Mixin FlavorOptions flavors;

    @Option(
            names = "--compare",
            paramLabel = "MODE",
            defaultValue = "raw-bytes",
            converter = CompareModeConverter.class,
            description =
                    "raw-bytes (documents must be byte-identical: field order and numeric types"
                            + " matter) or ignore-field-order. Default: ${DEFAULT-VALUE}.")
    CompareMode compare;

    @Option(
            names = "--quick",
            description = "Exact counts, indexes and options only; documents are not compared.")
    boolean quick;

    @Option(
            names = "--recheck",
            description =
                    "Re-read the listed differences after --recheck-delay, up to"
                            + " --recheck-rounds times, and report only those that still differ.")
    boolean recheck;

    @Option(
            names = "--recheck-delay",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Wait before each recheck round. Default: ${DEFAULT-VALUE}.")
    Duration recheckDelay;

    @Option(
            names = "--recheck-rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "Recheck rounds at most. Default: ${DEFAULT-VALUE}.")
    int recheckRounds;

    @Option(
            names = "--max-reported",
            paramLabel = "N",
            defaultValue = "1000",
            description =
                    "List at most N document differences (counts stay exact)."
                            + " Default: ${DEFAULT-VALUE}.")
    int maxReported;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write every listed difference to FILE as JSON lines.")
    Path report;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the verify job. Default: Flink's default.")
    Integer parallelism;

    @Option(
            names = "--range-size",
            paramLabel = "BYTES",
            defaultValue = "67108864",
            description =
                    "Target size of one _id range (ranges are read in parallel)."
                            + " Default: ${DEFAULT-VALUE} (64 MiB).")
    long rangeBytes;

    @Option(
            names = "--progress-interval",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How often to print progress (0s: never). Default: ${DEFAULT-VALUE}.")
    Duration progressInterval;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Endpoint.parse("source", selection.source());
        Endpoint.parse("destination", selection.destination());
        VerifyOptions options;
        try {
            VerifyOptions.Builder builder =
                    VerifyOptions.builder()
                            .sourceUri(selection.source())
                            .destinationUri(selection.destination())
                            .includes(selection.includes())
                            .excludes(selection.excludes())
                            .mapRules(selection.maps())
                            .compareMode(compare)
                            .quick(quick)
                            .recheck(recheck)
                            .recheckDelay(recheckDelay)
                            .recheckRounds(recheckRounds)
                            .maxReported(maxReported)
                            .reportFile(report)
                            .rangeBytes(rangeBytes)
                            .progressInterval(progressInterval)
                            .flinkConfiguration(FlinkConfig.base());
            if (parallelism != null) {
                builder.parallelism(parallelism);
            }
            options = builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // A local run starts its Flink while the flavors and the catalogs are read.
        CompletableFuture<LocalFlink> flink =
                runsLocally(options)
                        ? LocalFlink.startAsync(options.flinkConfiguration(), slots(options), 0)
                        : null;
        try {
            FlavorReport.print(System.out, options.sourceUri(), options.destinationUri(), flavors);
            VerifyRunner runner =
                    flink == null
                            ? new VerifyRunner(System.out)
                            : new VerifyRunner(
                                    System.out, conf -> started(flink).environment(conf));
            int result = runner.run(options);
            return result == VerifyRunner.IDENTICAL ? ExitCodes.OK : ExitCodes.FINDING;
        } catch (VerifyException e) {
            throw new UserError(e.getMessage(), e);
        } finally {
            if (flink != null) {
                LocalFlink.closeWhenStarted(flink).join();
            }
        }
    }

    /** Whether the comparison job runs in this process (not under {@code flink run}). */
    private static boolean runsLocally(VerifyOptions options) {
        return !options.quick()
                && StreamExecutionEnvironment.getExecutionEnvironment()
                        instanceof LocalStreamEnvironment;
    }

    private static int slots(VerifyOptions options) {
        return options.parallelism() > 0
                ? options.parallelism()
                : Runtime.getRuntime().availableProcessors();
    }

    private static LocalFlink started(CompletableFuture<LocalFlink> flink) {
        try {
            return flink.join();
        } catch (CompletionException e) {
            throw new VerifyException(
                    "Could not start the embedded Flink: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Parses {@code --compare}. */
    static final class CompareModeConverter implements CommandLine.ITypeConverter<CompareMode> {
        @Override
        public CompareMode convert(String value) {
            try {
                return CompareMode.fromFlag(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
