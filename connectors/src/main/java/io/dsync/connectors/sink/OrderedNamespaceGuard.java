package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecordTypeInfo;
import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * The race guard's rule for a namespace routed whole to one key, in order (a capped collection:
 * connectors/README.md, "Capped collections"). Per document it keeps the flag {@link
 * SnapshotRaceGuard} keeps per key (a snapshot copy is dropped once a change event of its document
 * has passed). And while the namespace's copy runs, its change events are held back and passed
 * after the copy's last document ({@link ChangeRecord.Kind#COPY_END}): the destination then
 * receives the copy in the source's natural order, then the inserts made since in stream order, so
 * its insertion order is the source's.
 */
final class OrderedNamespaceGuard implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String PASSED_STATE = "changeEventPassedByDocument";
    static final String COPIED_STATE = "orderedCopyEnded";
    static final String HELD_STATE = "changeEventsHeldForCopy";

    /** The per-document flags inside a namespace's key (cleared when the whole copy is durable). */
    static final MapStateDescriptor<String, Boolean> PASSED =
            new MapStateDescriptor<>(PASSED_STATE, Types.STRING, Types.BOOLEAN);

    /** Namespaces this run starts copying: their events wait for the copy's end. */
    private final TreeSet<String> copying;

    /** The document keys the flags are kept by: the shuffle's own ({@link RecordKeys}). */
    private final RecordKeys documentKeys;

    private transient MapState<String, Boolean> passed;
    private transient ValueState<Boolean> copyEnded;
    private transient ListState<ChangeRecord> held;
    private transient boolean copyDurable;

    OrderedNamespaceGuard(Set<String> copying, RecordKeys documentKeys) {
        this.copying = new TreeSet<>(copying);
        this.documentKeys = documentKeys;
    }

    void open(RuntimeContext context) {
        passed = context.getMapState(PASSED);
        copyEnded = context.getState(new ValueStateDescriptor<>(COPIED_STATE, Types.BOOLEAN));
        held =
                context.getListState(
                        new ListStateDescriptor<>(HELD_STATE, ChangeRecordTypeInfo.INSTANCE));
    }

    /**
     * Handles a record of the namespace whose key is current; {@code copyDurable}: no copy of the
     * namespace can arrive any more, so no flag is needed (SnapshotRaceGuard's broadcast state).
     */
    void process(
            ChangeRecord record,
            Collector<ChangeRecord> out,
            Counter superseded,
            boolean copyDurable)
            throws Exception {
        this.copyDurable = copyDurable;
        switch (record.kind()) {
            case COPY_END -> {
                if (copyEnded.value() == null) {
                    copyEnded.update(Boolean.TRUE);
                    Iterable<ChangeRecord> waiting = held.get();
                    if (waiting != null) {
                        for (ChangeRecord event : waiting) {
                            pass(event, out);
                        }
                    }
                    held.clear();
                }
            }
            case SNAPSHOT -> {
                if (passed.contains(documentKeys.keyOf(record))) {
                    superseded.inc();
                } else {
                    out.collect(record);
                }
            }
            default -> {
                if (copyEnded.value() == null && mayStillCopy(record)) {
                    held.add(record);
                } else {
                    pass(record, out);
                }
            }
        }
    }

    /**
     * Whether a copy of the namespace may still deliver documents: this run started its copy, or
     * events were already held for it (a restore in the middle of the copy).
     */
    private boolean mayStillCopy(ChangeRecord record) throws Exception {
        if (copying.contains(record.namespace())) {
            return true;
        }
        Iterable<ChangeRecord> waiting = held.get();
        return waiting != null && waiting.iterator().hasNext();
    }

    private void pass(ChangeRecord event, Collector<ChangeRecord> out) throws Exception {
        if (!copyDurable) {
            passed.put(documentKeys.keyOf(event), Boolean.TRUE);
        }
        out.collect(event);
    }
}
