package io.dsync.connectors.source;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/** The messages the migration source's readers and enumerator exchange. */
final class SourceEvents {

    private SourceEvents() {}

    /** Enumerator → readers: how far the initial copy is (for the readers' metrics). */
    record SnapshotProgress(
            long rangesTotal,
            long rangesFinished,
            long namespacesTotal,
            long namespacesComplete,
            boolean complete,
            java.util.Map<String, NamespaceRanges> namespaces)
            implements SourceEvent {}

    /** One namespace's ranges: finished of those generated so far. */
    record NamespaceRanges(long finished, long total) implements java.io.Serializable {}

    /** Reader → enumerator: a snapshot split was read to its end (sent again after a restore). */
    record SnapshotSplitFinished(String splitId, String namespace) implements SourceEvent {}

    /** Enumerator → reader: the split's end is counted; the reader may forget it. */
    record SnapshotSplitRecorded(String splitId) implements SourceEvent {}

    /**
     * Reader → enumerator: the change stream reached a DDL event touching these namespaces and
     * databases; the reader holds it until the enumerator answers with a {@link DdlVerdict}.
     */
    record DdlNotice(String description, List<String> namespaces, List<String> databases)
            implements SourceEvent {}

    /**
     * Enumerator → reader: whether the DDL can be applied now, or why the migration must stop (its
     * namespace is still being copied).
     */
    record DdlVerdict(boolean approved, String reason) implements SourceEvent {}

    /**
     * Enumerator → reader 0: no snapshot copy of these namespaces is on its way any more; the
     * reader emits one {@link io.dsync.connectors.record.CopyDurable} marker for each.
     */
    record CopyDurable(List<String> namespaces) implements SourceEvent {}
}
