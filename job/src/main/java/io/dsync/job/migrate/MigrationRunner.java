package io.dsync.job.migrate;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.sink.MigrationSink;
import io.dsync.connectors.sink.NamespaceRouting;
import io.dsync.connectors.sink.RecordKeys;
import io.dsync.connectors.source.IndexCopyMode;
import io.dsync.connectors.source.MigrationSourceConfig;
import io.dsync.connectors.source.catalog.CollectionInfo;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.job.cli.ExitCodes;
import io.dsync.job.cli.UserError;
import io.dsync.job.run.FlinkConfig;
import io.dsync.job.run.LocalFlink;
import io.dsync.job.run.StateLocation;
import io.dsync.job.run.StopSignal;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.bson.BsonDocument;

/**
 * Runs {@code dsync migrate}: checks both sides, takes the change stream's start point before
 * anything is copied, builds the job, and runs it in this process (a MiniCluster; Ctrl-C stops it
 * with a savepoint) or, under {@code flink run}, submits it to the cluster.
 */
public final class MigrationRunner {

    private final MigrationSettings settings;
    private final PrintStream out;
    private MapFunction<ChangeRecord, ChangeRecord> probe;
    private final Map<String, Long> estimates = new LinkedHashMap<>();

    public MigrationRunner(MigrationSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Puts {@code probe} into the job right after the source (tests use it to inject failures). */
    public MigrationRunner withProbe(MapFunction<ChangeRecord, ChangeRecord> probe) {
        this.probe = probe;
        return this;
    }

    /** The CLI's entry: runs until the job ends, or until Ctrl-C stops it with a savepoint. */
    public int run() throws Exception {
        if (!(StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment)) {
            return submitToCluster();
        }
        try (LocalMigration migration = start();
                StopSignal stop = StopSignal.onInterrupt();
                MigrationStatus status = new MigrationStatus(migration, out)) {
            CompletableFuture<?> ended = migration.ended();
            while (!ended.isDone() && migration.isRunning()) {
                if (stop.await(settings.statusInterval(), ended)) {
                    status.close();
                    out.println("Stopping with a savepoint...");
                    String savepoint = localPath(migration.stopWithSavepoint());
                    out.println("Savepoint: " + savepoint);
                    out.println(
                            "Continue later with the same command and --resume (or"
                                    + " --from-savepoint "
                                    + savepoint
                                    + ")");
                    return ExitCodes.OK;
                }
                if (!ended.isDone()) {
                    status.print();
                }
            }
            status.print(); // the final figures (a task's metrics keep their last values)
            status.close();
            migration.awaitSuccess();
            if (!settings.mode().follows() && settings.indexCopyMode() != IndexCopyMode.NONE) {
                // the copy ended and no change follows: the migration is finalized now
                new Finalization(
                                settings.sourceUri(),
                                settings.destinationUri(),
                                settings.includes(),
                                settings.excludes(),
                                settings.maps())
                        .run(out);
            }
            out.println("Initial sync complete.");
            return ExitCodes.OK;
        }
    }

    /**
     * Checks, plans and starts the job in a MiniCluster in this process. The MiniCluster starts in
     * the background while the checks talk to both sides (they are independent, and each takes a
     * second or two), and is closed again when a check fails.
     */
    public LocalMigration start() throws Exception {
        StateFingerprint fingerprint = StateFingerprint.of(settings, checkpointDir());
        Path restoreFrom = ResumePoint.find(settings, fingerprint, checkpointDir(), savepointDir());
        int restPort = settings.webUiPort() == null ? 0 : settings.webUiPort();
        Configuration configuration = localConfiguration();
        // the plan gets its own copy: the MiniCluster reads (and fills in) this one meanwhile
        Configuration planConfiguration = new Configuration(configuration);
        CompletableFuture<LocalFlink> starting =
                LocalFlink.startAsync(configuration, settings.parallelism(), restPort);
        StreamExecutionEnvironment env;
        try {
            env = plan(restoreFrom != null, planConfiguration);
        } catch (Exception | Error e) {
            LocalFlink.closeWhenStarted(starting); // the checks failed: that is what the user sees
            throw e;
        }
        LocalFlink flink;
        try {
            flink = starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        try {
            JobGraph graph = env.getStreamGraph().getJobGraph();
            // before the job can take its first checkpoint into CHECKPOINT_DIR/JOB_ID
            fingerprint.writeTo(checkpointDir().resolve(graph.getJobID().toString()));
            JobID job =
                    flink.submit(
                            graph,
                            restoreFrom,
                            !MigrationPipeline.guarded(settings.mode().follows()));
            if (restoreFrom != null) {
                out.println("Resuming from " + restoreFrom);
            }
            if (settings.webUiPort() != null) {
                out.println("Flink web dashboard: " + flink.restAddress());
            }
            out.println(
                    "Checkpoints: "
                            + checkpointDir().toAbsolutePath()
                            + " (Ctrl-C stops with a savepoint)");
            return new LocalMigration(flink, job, savepointDir(), estimates, fingerprint);
        } catch (Exception e) {
            flink.close();
            throw e;
        }
    }

    private int submitToCluster() throws Exception {
        // `flink run -s PATH` restores the job from a savepoint: then this is a continuation too.
        boolean restoring =
                settings.continuesEarlierRun()
                        || StreamExecutionEnvironment.getExecutionEnvironment()
                                .getConfiguration()
                                .getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
                                .isPresent();
        StreamExecutionEnvironment env = plan(restoring, clusterConfiguration());
        JobClient job = env.executeAsync("dsync migrate");
        out.println("Submitted migration job " + job.getJobID() + " to the Flink cluster");
        return ExitCodes.OK;
    }

    /** Runs the checks, takes the start point (for a fresh run) and defines the job. */
    private StreamExecutionEnvironment plan(boolean restoring, Configuration configuration)
            throws Exception {
        NamespaceFilter filter;
        NamespaceMapping mapping;
        try {
            filter = NamespaceFilter.of(settings.includes(), settings.excludes());
            mapping = NamespaceMapping.parse(settings.maps());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        ChangeStreamPosition start = null;
        FlavorPlan flavors;
        RecordKeys recordKeys;
        Set<String> capped = new TreeSet<>();
        try (Endpoint source = Endpoint.connect("source", settings.sourceUri());
                Endpoint destination = Endpoint.connect("destination", settings.destinationUri())) {
            flavors = FlavorPlan.detect(settings, source, destination);
            List<Namespace> namespaces =
                    Preflight.check(settings, restoring, source, destination, filter, mapping);
            out.printf(
                    "dsync migrate (%s): %d collections selected, %s → %s%n",
                    settings.mode().cliName(),
                    namespaces.size(),
                    source.hosts(),
                    destination.hosts());
            flavors.print(out);
            recordKeys = RecordKeys.withCollations(collations(source, filter));
            capped.addAll(SourceCatalog.cappedNamespaces(source.client(), filter));
            for (Namespace namespace : namespaces) {
                estimates.put(
                        namespace.fullName(),
                        SourceCatalog.estimatedCount(source.client(), namespace));
            }
            if (settings.mode().follows() && !restoring) {
                start =
                        settings.startAt() != null
                                ? StartAt.parse(settings.startAt())
                                : flavors.captureStart(source.client(), namespaces);
            }
        }
        MigrationSourceConfig sourceConfig =
                MigrationSourceConfig.builder()
                        .sourceUri(settings.sourceUri())
                        .destinationUri(settings.destinationUri())
                        .filter(filter)
                        .mapping(mapping)
                        .copySnapshot(settings.mode().copies())
                        .followChanges(settings.mode().follows())
                        .startPosition(start)
                        .indexCopyMode(settings.indexCopyMode())
                        .targetRangeBytes(settings.rangeBytes())
                        .changeFeed(flavors.changeFeed(mapping))
                        .splitter(flavors.splitter())
                        .build();
        MigrationSink sink =
                MigrationSink.builder()
                        .setConnectionString(settings.destinationUri())
                        .setNamespaceMapping(mapping)
                        .setMaxWriteRate(settings.writeRateLimit())
                        .setRecordKeys(recordKeys)
                        .setOrderedNamespaces(capped)
                        .build();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(settings.parallelism());
        // A capped collection's copy starts in a fresh run that copies; on a restore its events are
        // held only if they already were (OrderedNamespaceGuard).
        Set<String> orderedCopies = settings.mode().copies() && !restoring ? capped : Set.of();
        MigrationPipeline.define(
                env,
                sourceConfig,
                sink,
                NamespaceRouting.ordering(recordKeys, capped),
                orderedCopies,
                probe);
        return env;
    }

    /**
     * The default collations of the selected source collections, which decide when two string
     * {@code _id}s are one document ({@link RecordKeys}).
     */
    private static Map<String, BsonDocument> collations(Endpoint source, NamespaceFilter filter) {
        Map<String, BsonDocument> collations = new HashMap<>();
        for (CollectionInfo info : SourceCatalog.list(source.client(), filter)) {
            BsonDocument options = info.options();
            if (options.isDocument("collation")) {
                collations.put(info.namespace().fullName(), options.getDocument("collation"));
            }
        }
        return collations;
    }

    /** Local runs: flink-conf/config.yaml, then the flags, with local state directories. */
    private Configuration localConfiguration() {
        Configuration conf = FlinkConfig.base();
        FlinkConfig.checkpointing(
                conf,
                settings.checkpointInterval(),
                settings.copyCheckpointInterval(),
                checkpointDir().toString(),
                savepointDir().toString());
        return conf;
    }

    /**
     * Cluster runs: the cluster's own configuration, with only what the flags say on top (this
     * machine's flink-conf/ is not the cluster's).
     */
    private Configuration clusterConfiguration() {
        Configuration conf = new Configuration();
        FlinkConfig.checkpointing(
                conf,
                settings.checkpointInterval(),
                settings.copyCheckpointInterval(),
                settings.checkpointDir(),
                settings.savepointDir());
        return conf;
    }

    /** A savepoint location as the user types it back: a plain path for local files. */
    private static String localPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(java.net.URI.create(location)).toString();
        }
        return location;
    }

    private Path checkpointDir() {
        return localDirectory(settings.checkpointDir(), "checkpoints", "--checkpoint-dir");
    }

    private Path savepointDir() {
        return localDirectory(settings.savepointDir(), "savepoints", "--savepoint-dir");
    }

    private static Path localDirectory(String location, String fallback, String flag) {
        if (location == null) {
            return MigrationSettings.DEFAULT_STATE_DIR.resolve(fallback);
        }
        if (!StateLocation.isLocal(location)) {
            throw new UserError(
                    flag
                            + " "
                            + location
                            + ": a local run keeps its state in a local directory; remote"
                            + " locations are for runs on a Flink cluster");
        }
        return StateLocation.localPath(location);
    }
}
