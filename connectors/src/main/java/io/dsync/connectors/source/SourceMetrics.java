package io.dsync.connectors.source;

import io.dsync.connectors.record.ChangeRecord;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The migration source's figures, as Flink metrics of each reader (group {@code dsync}):
 *
 * <ul>
 *   <li>{@code snapshotRangesTotal}, {@code snapshotRangesFinished}, {@code snapshotComplete}
 *       (0/1), {@code snapshotNamespacesTotal}, {@code snapshotNamespacesComplete} — the copy's
 *       progress as the enumerator last reported it;
 *   <li>{@code snapshotDocumentsRead}, {@code snapshotBytesRead} — what this reader copied;
 *   <li>{@code changeEvents_insert|update|replace|delete|ddl} — change events read;
 *   <li>{@code sourceClusterTime}, {@code emittedClusterTime}, {@code durableClusterTime} (seconds
 *       since the epoch) and {@code lagSeconds}: the source's latest cluster time seen by the
 *       change stream, the time of the last change handed downstream, of the last change known
 *       durable at the destination (a checkpoint completed after it), and the difference between
 *       the first two.
 * </ul>
 */
final class SourceMetrics {

    private final Counter snapshotDocuments;
    private final Counter snapshotBytes;
    private final Map<ChangeRecord.Kind, Counter> events = new EnumMap<>(ChangeRecord.Kind.class);
    private final Counter ddlEvents;
    private final MetricGroup group;
    private final Map<String, Counter> namespaceDocuments = new java.util.HashMap<>();

    private volatile SourceEvents.SnapshotProgress progress =
            new SourceEvents.SnapshotProgress(0, 0, 0, 0, false, java.util.Map.of());
    private final java.util.Set<String> namespacesWithRangeGauges = new java.util.HashSet<>();
    private volatile long sourceTime;
    private volatile long emittedTime;
    private volatile long durableTime;
    private final java.util.NavigableMap<Long, Long> emittedAtCheckpoint =
            new java.util.TreeMap<>();

    SourceMetrics(MetricGroup parent) {
        group = parent.addGroup("dsync");
        snapshotDocuments = group.counter("snapshotDocumentsRead");
        snapshotBytes = group.counter("snapshotBytesRead");
        for (ChangeRecord.Kind kind : ChangeRecord.Kind.values()) {
            if (kind.isChangeEvent()) {
                events.put(
                        kind,
                        group.counter(
                                "changeEvents_" + kind.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        ddlEvents = group.counter("changeEvents_ddl");
        group.gauge("snapshotRangesTotal", () -> progress.rangesTotal());
        group.gauge("snapshotRangesFinished", () -> progress.rangesFinished());
        group.gauge("snapshotNamespacesTotal", () -> progress.namespacesTotal());
        group.gauge("snapshotNamespacesComplete", () -> progress.namespacesComplete());
        group.gauge("snapshotComplete", () -> progress.complete() ? 1 : 0);
        group.gauge("sourceClusterTime", () -> sourceTime >>> 32);
        group.gauge("emittedClusterTime", () -> emittedTime >>> 32);
        group.gauge("durableClusterTime", () -> durableTime >>> 32);
        group.gauge("durableClusterTimeIncrement", () -> durableTime & 0xFFFFFFFFL);
        group.gauge(
                "lagSeconds",
                () ->
                        emittedTime == 0
                                ? -1L
                                : Math.max(0, (sourceTime >>> 32) - (emittedTime >>> 32)));
    }

    /** The reader's {@code dsync} metric group (change feeds add their own figures to it). */
    MetricGroup group() {
        return group;
    }

    void snapshotRecord(ChangeRecord record) {
        snapshotDocuments.inc();
        snapshotBytes.inc(record.document().length);
        namespaceDocuments
                .computeIfAbsent(
                        record.namespace(),
                        ns -> group.addGroup("namespace", ns).counter("snapshotDocumentsRead"))
                .inc();
    }

    void changeEvent(ChangeRecord record) {
        events.get(record.kind()).inc();
    }

    void ddlEvent() {
        ddlEvents.inc();
    }

    /** The stream has been read up to {@code clusterTime} (an event's, or a heartbeat's). */
    void streamAt(long clusterTime) {
        if (clusterTime > sourceTime) {
            sourceTime = clusterTime;
        }
        if (clusterTime > emittedTime) {
            emittedTime = clusterTime;
        }
    }

    /** The source's current cluster time, as a command reply reported it. */
    void sourceAt(long clusterTime) {
        if (clusterTime > sourceTime) {
            sourceTime = clusterTime;
        }
    }

    void checkpointTaken(long checkpointId) {
        emittedAtCheckpoint.put(checkpointId, emittedTime);
    }

    void checkpointCompleted(long checkpointId) {
        java.util.Map<Long, Long> done = emittedAtCheckpoint.headMap(checkpointId, true);
        for (long time : done.values()) {
            durableTime = Math.max(durableTime, time);
        }
        done.clear();
    }

    void progress(SourceEvents.SnapshotProgress progress) {
        this.progress = progress;
        for (String namespace : progress.namespaces().keySet()) {
            if (namespacesWithRangeGauges.add(namespace)) {
                MetricGroup ns = group.addGroup("namespace", namespace);
                ns.gauge("rangesFinished", () -> ranges(namespace).finished());
                ns.gauge("rangesTotal", () -> ranges(namespace).total());
            }
        }
    }

    private SourceEvents.NamespaceRanges ranges(String namespace) {
        return this.progress
                .namespaces()
                .getOrDefault(namespace, new SourceEvents.NamespaceRanges(0, 0));
    }
}
