package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps a stale snapshot copy from overwriting a newer state of its document. Runs keyed by {@link
 * RecordKeys}; per key it remembers one flag, "a change event of this key has passed". Change
 * events set the flag and pass; a snapshot copy passes only while the flag is unset, otherwise it
 * is dropped (counter {@value #SNAPSHOT_COPIES_SUPERSEDED}).
 *
 * <p>Why this is safe. The change stream starts at T0, before any snapshot read, so every write to
 * a document after T0 appears as a change event of its key, in source order, and applying the
 * remaining events leaves a state at least as new as the event's: insert and replace carry the
 * document, update carries the document looked up after it (an update whose lookup found nothing is
 * skipped by the source because a delete follows), delete removes it. A snapshot copy was read at
 * some time after T0. If a change event of its key has already passed, the copy is never newer than
 * the state the passed and remaining events establish, so dropping it loses nothing; in particular
 * a copy read before a delete cannot resurrect the document. If the copy arrives before every
 * change event of its key, it is written first and every later write is overwritten by those
 * events, which follow it to the same sink writer in order.
 *
 * <p>A namespace routed whole to one key ({@link NamespaceRouting}: a capped collection) is guarded
 * per document and in order by {@link OrderedNamespaceGuard}.
 *
 * <p>The sink must be chained right after this operator (no repartitioning in between), so that
 * records of one key keep the order this operator emits them in.
 */
public final class SnapshotRaceGuard
        extends KeyedProcessFunction<String, ChangeRecord, ChangeRecord> {

    private static final long serialVersionUID = 1L;

    public static final String SNAPSHOT_COPIES_SUPERSEDED = "snapshotCopiesSuperseded";

    static final String STATE_NAME = "changeEventPassed";

    private transient ValueState<Boolean> changeEventPassed;
    private transient Counter snapshotCopiesSuperseded;
    private final OrderedNamespaceGuard orderedNamespaces;

    /** A guard for a job that routes no namespace whole. */
    public SnapshotRaceGuard() {
        this(Set.of());
    }

    /**
     * @param orderedCopies the namespaces routed whole whose copy this run starts (their change
     *     events wait for the copy's end)
     */
    public SnapshotRaceGuard(Set<String> orderedCopies) {
        this.orderedNamespaces = new OrderedNamespaceGuard(orderedCopies);
    }

    @Override
    public void open(OpenContext openContext) {
        changeEventPassed =
                getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, Types.BOOLEAN));
        snapshotCopiesSuperseded =
                getRuntimeContext().getMetricGroup().counter(SNAPSHOT_COPIES_SUPERSEDED);
        orderedNamespaces.open(getRuntimeContext());
    }

    @Override
    public void processElement(ChangeRecord record, Context context, Collector<ChangeRecord> out)
            throws Exception {
        if (NamespaceRouting.isWholeNamespaceKey(context.getCurrentKey(), record)) {
            orderedNamespaces.process(record, out, snapshotCopiesSuperseded);
            return;
        }
        if (record.kind() == ChangeRecord.Kind.COPY_END) {
            return; // a capped collection's copy, not routed whole (created after the start)
        }
        if (record.kind().isChangeEvent()) {
            if (changeEventPassed.value() == null) {
                changeEventPassed.update(Boolean.TRUE);
            }
            out.collect(record);
        } else if (changeEventPassed.value() == null) {
            out.collect(record);
        } else {
            snapshotCopiesSuperseded.inc();
        }
    }
}
