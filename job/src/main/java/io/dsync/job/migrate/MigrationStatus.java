package io.dsync.job.migrate;

import io.dsync.job.run.JobFigures;
import io.dsync.job.status.StatusSnapshot;
import io.dsync.job.status.StatusView;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonTimestamp;

/**
 * Reads a local migration's figures (Flink metrics, current: read in this process) and shows them:
 * the copy's progress per collection, change events applied by type, the lag, and "ready for
 * cutover" once the copy is complete and the lag stays under the threshold.
 */
public final class MigrationStatus implements AutoCloseable {

    static final String SOURCE = "MongoDB source";
    static final String SINK = "MongoDB destination";
    static final long READY_LAG_SECONDS = 2;
    private static final String NAMESPACE_METRIC = ".snapshotDocumentsRead";

    private final LocalMigration migration;
    private final StatusView view;
    private final long startNanos = System.nanoTime();
    private long lastDocuments;
    private long lastNanos = startNanos;
    private final Map<String, Long> lastNamespaceDocuments = new java.util.HashMap<>();

    public MigrationStatus(LocalMigration migration, PrintStream out) {
        this.migration = migration;
        this.view = StatusView.forOutput(out);
    }

    private JobFigures metrics() {
        return migration.figures();
    }

    /** The figures as numbers (missing ones are absent), for the demo and tests. */
    public Map<String, Double> figures() throws Exception {
        Map<String, Double> figures =
                metrics()
                        .operator(
                                SOURCE,
                                "sum",
                                "dsync.snapshotDocumentsRead",
                                "dsync.changeEvents_insert",
                                "dsync.changeEvents_update",
                                "dsync.changeEvents_replace",
                                "dsync.changeEvents_delete");
        figures.putAll(
                metrics()
                        .operator(
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
                                "dsync.durableClusterTimeIncrement",
                                "dsync.deletesEmulationNamespacesChecked",
                                "dsync.deletesEmulationDeletes"));
        figures.putAll(
                metrics()
                        .operator(
                                SINK,
                                "sum",
                                "documentsWritten",
                                "documentsDeleted",
                                "writeRetries"));
        return figures;
    }

    /** Whether every change up to and including cluster time {@code time} is durable. */
    public static boolean durableAtLeast(Map<String, Double> figures, BsonTimestamp time) {
        long seconds = Math.round(figures.getOrDefault("dsync.durableClusterTime", 0.0));
        long increment = Math.round(figures.getOrDefault("dsync.durableClusterTimeIncrement", 0.0));
        long wanted = time.getTime() & 0xFFFFFFFFL;
        return seconds > wanted || (seconds == wanted && increment >= time.getInc());
    }

    /** Whether the copy is complete and the change stream is less than 2 s behind. */
    public static boolean readyForCutover(Map<String, Double> figures) {
        double lag = figures.getOrDefault("dsync.lagSeconds", -1.0);
        return figures.getOrDefault("dsync.snapshotComplete", 0.0) == 1.0
                && lag >= 0
                && lag < READY_LAG_SECONDS;
    }

    /** Reads the figures and shows them. */
    public void print() {
        try {
            view.show(snapshot());
        } catch (Exception e) {
            // The job may be starting or restarting: its metrics come back with it.
        }
    }

    StatusSnapshot snapshot() throws Exception {
        Map<String, Double> f = figures();
        long now = System.nanoTime();
        long documents = n(f, "dsync.snapshotDocumentsRead", 0);
        long sinceLast = now - lastNanos;
        double rate = sinceLast == 0 ? 0 : (documents - lastDocuments) * 1e9 / sinceLast;
        lastDocuments = documents;
        lastNanos = now;
        return new StatusSnapshot(
                (now - startNanos) / 1_000_000_000L,
                n(f, "dsync.snapshotComplete", 0) == 1,
                n(f, "dsync.snapshotRangesFinished", 0),
                n(f, "dsync.snapshotRangesTotal", 0),
                n(f, "dsync.snapshotNamespacesComplete", 0),
                n(f, "dsync.snapshotNamespacesTotal", 0),
                documents,
                Math.max(0, rate),
                n(f, "dsync.changeEvents_insert", 0),
                n(f, "dsync.changeEvents_update", 0),
                n(f, "dsync.changeEvents_replace", 0),
                n(f, "dsync.changeEvents_delete", 0),
                n(f, "dsync.lagSeconds", -1),
                n(f, "documentsWritten", 0),
                n(f, "documentsDeleted", 0),
                n(f, "writeRetries", 0),
                readyForCutover(f),
                namespaceLines(sinceLast),
                n(f, "dsync.deletesEmulationNamespacesChecked", -1),
                n(f, "dsync.deletesEmulationDeletes", -1));
    }

    private List<StatusSnapshot.NamespaceLine> namespaceLines(long nanosSinceLast)
            throws Exception {
        // one listing and one query for all per-namespace figures
        Map<String, Map<String, Double>> figures =
                metrics()
                        .matching(
                                SOURCE,
                                "dsync.namespace.",
                                List.of(NAMESPACE_METRIC, ".rangesFinished", ".rangesTotal"),
                                List.of("sum", "max"));
        Map<String, Double> copied = figures.getOrDefault("sum", Map.of());
        Map<String, Double> ranges = figures.getOrDefault("max", Map.of());
        List<StatusSnapshot.NamespaceLine> lines = new ArrayList<>();
        for (Map.Entry<String, Long> e : migration.estimates().entrySet()) {
            String namespace = e.getKey();
            long documents = Math.round(namespaceFigure(copied, namespace, NAMESPACE_METRIC));
            long before = lastNamespaceDocuments.getOrDefault(namespace, 0L);
            lastNamespaceDocuments.put(namespace, documents);
            double rate =
                    nanosSinceLast <= 0
                            ? 0
                            : Math.max(0, (documents - before) * 1e9 / nanosSinceLast);
            lines.add(
                    new StatusSnapshot.NamespaceLine(
                            namespace,
                            documents,
                            e.getValue(),
                            rate,
                            Math.round(namespaceFigure(ranges, namespace, ".rangesFinished")),
                            Math.round(namespaceFigure(ranges, namespace, ".rangesTotal"))));
        }
        return lines;
    }

    private static double namespaceFigure(
            Map<String, Double> figures, String namespace, String suffix) {
        for (Map.Entry<String, Double> f : figures.entrySet()) {
            // Flink's metric query service writes ' ', ',', '.' and ':' of group names as '_'.
            if (f.getKey()
                    .endsWith("dsync.namespace." + namespace.replaceAll("[ ,.:]", "_") + suffix)) {
                return f.getValue();
            }
        }
        return 0;
    }

    private static long n(Map<String, Double> figures, String name, long missing) {
        Double value = figures.get(name);
        return value == null ? missing : Math.round(value);
    }

    @Override
    public void close() {
        view.close();
    }
}
