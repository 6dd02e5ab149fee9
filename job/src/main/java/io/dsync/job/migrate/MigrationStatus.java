package io.dsync.job.migrate;

import io.dsync.job.run.JobMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * Reads a local migration's figures (Flink metrics, through the job's REST endpoint) and prints one
 * concise status line: the copy's progress, change events applied by type, the lag, and "ready for
 * cutover" once the copy is complete and the lag stays under the threshold.
 */
public final class MigrationStatus {

    static final String SOURCE = "MongoDB source";
    static final String SINK = "MongoDB destination";
    static final long READY_LAG_SECONDS = 2;

    private final LocalMigration migration;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private JobMetrics metrics;

    public MigrationStatus(LocalMigration migration, PrintStream out, Duration interval) {
        this.migration = migration;
        this.out = out;
    }

    /** The figures as numbers (missing ones are absent), for the demo and tests. */
    public Map<String, Double> figures() throws Exception {
        if (metrics == null) {
            metrics = new JobMetrics(migration.restAddress(), migration.jobId());
        }
        Map<String, Double> figures =
                metrics.operator(
                        SOURCE,
                        "sum",
                        "dsync.snapshotDocumentsRead",
                        "dsync.changeEvents_insert",
                        "dsync.changeEvents_update",
                        "dsync.changeEvents_replace",
                        "dsync.changeEvents_delete");
        figures.putAll(
                metrics.operator(
                        SOURCE,
                        "max",
                        "dsync.snapshotRangesTotal",
                        "dsync.snapshotRangesFinished",
                        "dsync.snapshotNamespacesTotal",
                        "dsync.snapshotNamespacesComplete",
                        "dsync.snapshotComplete",
                        "dsync.lagSeconds",
                        "dsync.sourceClusterTime",
                        "dsync.durableClusterTime",
                        "dsync.durableClusterTimeIncrement"));
        figures.putAll(
                metrics.operator(
                        SINK, "sum", "documentsWritten", "documentsDeleted", "writeRetries"));
        return figures;
    }

    /** Whether every change up to and including cluster time {@code time} is durable. */
    public static boolean durableAtLeast(Map<String, Double> figures, org.bson.BsonTimestamp time) {
        long seconds = Math.round(figures.getOrDefault("dsync.durableClusterTime", 0.0));
        long increment = Math.round(figures.getOrDefault("dsync.durableClusterTimeIncrement", 0.0));
        return seconds > (time.getTime() & 0xFFFFFFFFL)
                || (seconds == (time.getTime() & 0xFFFFFFFFL) && increment >= time.getInc());
    }

    /** Whether the copy is complete and the change stream is less than 2 s behind. */
    public static boolean readyForCutover(Map<String, Double> figures) {
        double lag = figures.getOrDefault("dsync.lagSeconds", -1.0);
        return figures.getOrDefault("dsync.snapshotComplete", 0.0) == 1.0
                && lag >= 0
                && lag < READY_LAG_SECONDS;
    }

    public void print() {
        try {
            Map<String, Double> f = figures();
            StringBuilder line = new StringBuilder(String.format("[%5ds]", elapsedSeconds()));
            if (f.getOrDefault("dsync.snapshotComplete", 0.0) == 1.0) {
                line.append(" copy complete");
            } else {
                line.append(
                        String.format(
                                " copy %d/%d ranges, %d/%d collections",
                                n(f, "dsync.snapshotRangesFinished"),
                                n(f, "dsync.snapshotRangesTotal"),
                                n(f, "dsync.snapshotNamespacesComplete"),
                                n(f, "dsync.snapshotNamespacesTotal")));
            }
            line.append(String.format(", %,d docs read", n(f, "dsync.snapshotDocumentsRead")));
            line.append(
                    String.format(
                            " | changes %,d ins %,d upd %,d repl %,d del",
                            n(f, "dsync.changeEvents_insert"),
                            n(f, "dsync.changeEvents_update"),
                            n(f, "dsync.changeEvents_replace"),
                            n(f, "dsync.changeEvents_delete")));
            long lag = n(f, "dsync.lagSeconds");
            line.append(lag < 0 ? " | lag -" : String.format(" | lag %ds", lag));
            line.append(
                    String.format(
                            " | written %,d, deleted %,d",
                            n(f, "documentsWritten"), n(f, "documentsDeleted")));
            if (n(f, "writeRetries") > 0) {
                line.append(String.format(", %,d retries", n(f, "writeRetries")));
            }
            if (readyForCutover(f)) {
                line.append(" | READY FOR CUTOVER");
            }
            out.println(line);
        } catch (Exception e) {
            out.println("(status unavailable: " + e.getMessage() + ")");
        }
    }

    private static long n(Map<String, Double> figures, String name) {
        return Math.round(figures.getOrDefault(name, name.equals("dsync.lagSeconds") ? -1.0 : 0.0));
    }

    private long elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }
}
