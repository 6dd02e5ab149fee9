package io.dsync.job.migrate;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecordTypeInfo;
import io.dsync.connectors.sink.MigrationSink;
import io.dsync.connectors.sink.NamespaceRouting;
import io.dsync.connectors.sink.SnapshotRaceGuard;
import io.dsync.connectors.source.MigrationSource;
import io.dsync.connectors.source.MigrationSourceConfig;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The migration job's dataflow: the hybrid source (ranges read in parallel + the change stream), a
 * shuffle by (namespace, {@code _id}) so that every record of a document goes through one subtask
 * in order (by namespace for capped collections, whose insertion order is kept: {@link
 * NamespaceRouting}), the snapshot/change race guard, and the destination sink. The source's
 * copy-durable markers are split off before the shuffle and broadcast to every guard subtask (they
 * let it drop flags it no longer needs); they never reach the sink.
 *
 * <p>A copy that follows no change stream ({@code --mode initial-sync}) has no race to guard: each
 * document is read once, by the one reader of its range. Its sink is chained to the source (each
 * reader hands its records to a writer in the same task), with no shuffle and no per-document state
 * lookup. Its savepoints have no guard state; one taken with a guard (an earlier dsync, or another
 * mode) restores without it ({@link #guarded}).
 *
 * <p>The operator uids are stable: savepoints taken by one version of dsync restore into the next.
 */
public final class MigrationPipeline {

    public static final String SOURCE_UID = "dsync-source";
    public static final String MARKERS_UID = "dsync-copy-durable-markers";
    public static final String GUARD_UID = "dsync-guard";
    public static final String SINK_UID = "dsync-sink";

    private MigrationPipeline() {}

    /**
     * Whether the job has the race guard: only when it follows the change stream. Without one, a
     * restore may leave a savepoint's guard state behind: no change event was ever applied, so no
     * flag in it can matter.
     */
    public static boolean guarded(boolean followsChanges) {
        return followsChanges;
    }

    /**
     * Defines the job in {@code env}. {@code probe}, when not null, runs right after the source
     * (tests put failure injection there); production runs pass null.
     */
    public static void define(
            StreamExecutionEnvironment env,
            MigrationSourceConfig source,
            MigrationSink sink,
            MapFunction<ChangeRecord, ChangeRecord> probe) {
        define(
                env,
                source,
                sink,
                NamespaceRouting.ordering(sink.options().recordKeys(), Set.of()),
                Set.of(),
                probe);
    }

    /**
     * Defines the job, routing {@code routing}'s whole namespaces (capped collections) to one key
     * each; {@code orderedCopies} are those of them whose copy this run starts.
     */
    public static void define(
            StreamExecutionEnvironment env,
            MigrationSourceConfig source,
            MigrationSink sink,
            NamespaceRouting routing,
            Set<String> orderedCopies,
            MapFunction<ChangeRecord, ChangeRecord> probe) {
        DataStream<ChangeRecord> records =
                env.fromSource(
                                new MigrationSource(source),
                                WatermarkStrategy.noWatermarks(),
                                "MongoDB source",
                                ChangeRecordTypeInfo.INSTANCE)
                        .uid(SOURCE_UID);
        if (probe != null) {
            records =
                    records.map(probe, ChangeRecordTypeInfo.INSTANCE)
                            .name("probe")
                            .uid("dsync-probe");
        }
        if (guarded(source.followChanges())) {
            records =
                    SnapshotRaceGuard.applyTo(records, routing, orderedCopies, MARKERS_UID)
                            .name("snapshot/change guard")
                            .uid(GUARD_UID);
        }
        records.sinkTo(sink).name("MongoDB destination").uid(SINK_UID);
    }
}
