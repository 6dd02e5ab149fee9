package io.dsync.job.cli;

import io.dsync.connectors.source.IndexCopyMode;
import io.dsync.job.migrate.MigrationRunner;
import io.dsync.job.migrate.MigrationSettings;
import io.dsync.job.migrate.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dsync migrate}: copy, then keep the destination in step with the source. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Copy every selected collection from the source to the destination, then apply the"
                    + " source's changes until stopped (Ctrl-C stops with a savepoint).",
            "Runs in an embedded Flink by default; on a cluster: flink run -c"
                    + " io.dsync.job.DsyncMain dsync-job.jar migrate ...",
            "Whatever the connection strings say, dsync reads from the primary with read concern"
                    + " majority and writes with w=majority, journal=true; it refuses"
                    + " readPreference other than primary, readConcernLevel other than majority,"
                    + " and on the destination w other than majority or journal=false, and"
                    + " a connection string that reaches a secondary directly."
        })
public final class MigrateCommand implements Callable<Integer> {

    @Mixin SelectionOptions selection;

    @Mixin FlavorOptions flavors;

    @Option(
            names = "--max-open-streams",
            paramLabel = "N",
            defaultValue = "32",
            description =
                    "Cosmos DB and DocumentDB sources (change streams per collection): streams"
                            + " open at once; with more collections they are read in turn."
                            + " Default: ${DEFAULT-VALUE}.")
    int maxOpenStreams;

    @Option(
            names = "--cosmos-deletes-emulation",
            description =
                    "Cosmos DB source (its change streams report no deletes): every"
                            + " --deletes-interval, delete at the destination what the source no"
                            + " longer has.")
    boolean cosmosDeletesEmulation;

    @Option(
            names = "--deletes-interval",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Pause between two deletes emulation cycles. Default: ${DEFAULT-VALUE}.")
    Duration deletesInterval;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "full",
            converter = ModeConverter.class,
            description =
                    "full (copy, then follow changes), initial-sync (copy, then stop), cdc"
                            + " (follow changes only). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(
            names = "--start-at",
            paramLabel = "TIME|TOKEN",
            description =
                    "With --mode cdc: start at a cluster time SECONDS[:INCREMENT] or after a"
                            + " resume token {\"_data\": ...}. Default: now.")
    String startAt;

    @Option(
            names = "--indexes",
            paramLabel = "WHEN",
            defaultValue = "after-copy",
            converter = IndexModeConverter.class,
            description =
                    "Copy secondary indexes after-copy, before-copy, or none. Unique indexes"
                            + " are created non-unique and made unique when the migration is"
                            + " finalized: at the end of --mode initial-sync, else by 'dsync"
                            + " finalize' at cutover. Default: ${DEFAULT-VALUE}.")
    IndexCopyMode indexes;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel readers and writers. Default: the number of cores.")
    Integer parallelism;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How often progress is checkpointed (after the initial copy, and with --mode"
                            + " cdc). Default: 3s; 1s with --mode initial-sync, where it only"
                            + " decides how soon the copy's end is proven durable.")
    Duration checkpointInterval;

    @Option(
            names = "--copy-checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "How often progress is checkpointed while the initial copy still has ranges"
                            + " to read (every checkpoint flushes the writers' batches). Default:"
                            + " ${DEFAULT-VALUE}.")
    Duration copyCheckpointInterval;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR|URI",
            description =
                    "Where checkpoints go: a directory, or on a cluster a URI every TaskManager"
                            + " reaches (s3://bucket/dsync). Default: ./dsync-state/checkpoints"
                            + " locally, the cluster's execution.checkpointing.dir on a cluster.")
    String checkpointDir;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "DIR",
            description =
                    "Where savepoints go (a directory or URI). Default:"
                            + " ./dsync-state/savepoints locally, the cluster's own on a cluster.")
    String savepointDir;

    @Option(
            names = "--resume",
            description =
                    "Continue from the newest checkpoint under --checkpoint-dir, or savepoint its"
                            + " runs took, of this migration (after Ctrl-C, a crash or kill -9);"
                            + " refused when --source/--destination hosts, --include, --exclude,"
                            + " --map, --mode, --indexes or the flavors differ from what it was"
                            + " started with.")
    boolean resume;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Continue from this savepoint or retained checkpoint (checked like --resume"
                            + " when dsync took it).")
    Path fromSavepoint;

    @Option(
            names = "--allow-non-empty-destination",
            description = "Copy even when a destination collection already holds documents.")
    boolean allowNonEmptyDestination;

    @Option(
            names = "--write-rate-limit",
            paramLabel = "DOCS_PER_SEC",
            defaultValue = "0",
            description =
                    "Cap destination writes (documents per second, all writers together;"
                            + " 0 = no cap). Default: ${DEFAULT-VALUE}.")
    long writeRateLimit;

    @Option(
            names = "--status-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How often a status line is printed. Default: ${DEFAULT-VALUE}.")
    Duration statusInterval;

    @Option(
            names = "--web-ui",
            paramLabel = "PORT",
            arity = "0..1",
            fallbackValue = "8081",
            description = "Serve Flink's web dashboard of the local run on PORT (default 8081).")
    Integer webUiPort;

    @Option(
            names = "--range-size",
            paramLabel = "BYTES",
            defaultValue = "67108864",
            description =
                    "Target size of one _id range of the initial copy (ranges are read in"
                            + " parallel). Default: ${DEFAULT-VALUE} (64 MiB).")
    long rangeBytes;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MigrationSettings settings;
        try {
            MigrationSettings.Builder builder =
                    MigrationSettings.builder()
                            .source(selection.source())
                            .destination(selection.destination())
                            .includes(selection.includes())
                            .excludes(selection.excludes())
                            .maps(selection.maps())
                            .mode(mode)
                            .startAt(startAt)
                            .indexCopyMode(indexes)
                            .checkpointInterval(checkpointInterval)
                            .copyCheckpointInterval(copyCheckpointInterval)
                            .checkpointDir(checkpointDir)
                            .savepointDir(savepointDir)
                            .resume(resume)
                            .fromSavepoint(fromSavepoint)
                            .allowNonEmptyDestination(allowNonEmptyDestination)
                            .writeRateLimit(writeRateLimit)
                            .statusInterval(statusInterval)
                            .webUiPort(webUiPort)
                            .rangeBytes(rangeBytes)
                            .sourceFlavor(flavors.source())
                            .destinationFlavor(flavors.destination())
                            .maxOpenStreams(maxOpenStreams)
                            .cosmosDeletesEmulation(cosmosDeletesEmulation)
                            .deletesInterval(deletesInterval);
            if (parallelism != null) {
                builder.parallelism(parallelism);
            }
            settings = builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return new MigrationRunner(settings, System.out).run();
    }

    /** Parses {@code --mode}. */
    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code --indexes}. */
    static final class IndexModeConverter implements CommandLine.ITypeConverter<IndexCopyMode> {
        @Override
        public IndexCopyMode convert(String value) {
            try {
                return IndexCopyMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
