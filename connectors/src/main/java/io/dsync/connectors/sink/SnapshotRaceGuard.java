package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecordTypeInfo;
import io.dsync.connectors.record.CopyDurable;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
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
 * <p>The flags are needed only while copies can still arrive. The broadcast input carries {@link
 * CopyDurable} markers, each processed after every snapshot copy of its namespace (connectors'
 * README, "What the guard keeps, and for how long"); they are kept in the broadcast state {@value
 * #COPY_DURABLE_STATE}. A change event of such a namespace sets no flag and clears its key's old
 * one; the marker for {@link CopyDurable#EVERY_NAMESPACE} clears every flag, after which the guard
 * keeps nothing (gauge {@value #COPY_DURABLE_GAUGE} is then 1).
 *
 * <p>A namespace routed whole to one key ({@link NamespaceRouting}: a capped collection) is guarded
 * per document and in order by {@link OrderedNamespaceGuard}.
 *
 * <p>The sink must be chained right after this operator (no repartitioning in between), so that
 * records of one key keep the order this operator emits them in.
 */
public final class SnapshotRaceGuard
        extends KeyedBroadcastProcessFunction<String, ChangeRecord, ChangeRecord, ChangeRecord> {

    private static final long serialVersionUID = 1L;

    public static final String SNAPSHOT_COPIES_SUPERSEDED = "snapshotCopiesSuperseded";

    /** Gauge: 1 once this subtask knows the whole copy is durable and keeps no flags, else 0. */
    public static final String COPY_DURABLE_GAUGE = "copyDurable";

    /** The keyed flag's name: the same since the first dsync, so old savepoints restore. */
    public static final String STATE_NAME = "changeEventPassed";

    public static final String COPY_DURABLE_STATE = "copyDurableNamespaces";

    /** The broadcast state: the namespaces whose copy is durable (value unused). */
    public static final MapStateDescriptor<String, Boolean> COPY_DURABLE =
            new MapStateDescriptor<>(COPY_DURABLE_STATE, Types.STRING, Types.BOOLEAN);

    static final ValueStateDescriptor<Boolean> FLAG =
            new ValueStateDescriptor<>(STATE_NAME, Types.BOOLEAN);

    private transient ValueState<Boolean> changeEventPassed;
    private transient Counter snapshotCopiesSuperseded;
    private transient volatile boolean everyCopyDurable;
    private final OrderedNamespaceGuard orderedNamespaces;

    /** A guard for a job that routes no namespace whole, keyed by {@link RecordKeys#INSTANCE}. */
    public SnapshotRaceGuard() {
        this(Set.of(), RecordKeys.INSTANCE);
    }

    /**
     * @param orderedCopies the namespaces routed whole whose copy this run starts (their change
     *     events wait for the copy's end)
     * @param documentKeys the keys of documents inside a namespace routed whole
     */
    public SnapshotRaceGuard(Set<String> orderedCopies, RecordKeys documentKeys) {
        this.orderedNamespaces = new OrderedNamespaceGuard(orderedCopies, documentKeys);
    }

    /** The guard over {@code records} keyed by {@code keys}, routing no namespace whole. */
    public static SingleOutputStreamOperator<ChangeRecord> applyTo(
            DataStream<ChangeRecord> records, RecordKeys keys, String splitterUid) {
        return applyTo(records, NamespaceRouting.ordering(keys, Set.of()), Set.of(), splitterUid);
    }

    /**
     * The guard over {@code records}: markers split off (operator uid {@code splitterUid}, as
     * parallel as {@code records}, so that no record changes order) and broadcast, documents keyed
     * by {@code routing}; {@code orderedCopies} as for the constructor. Name and uid the returned
     * guard operator.
     */
    public static SingleOutputStreamOperator<ChangeRecord> applyTo(
            DataStream<ChangeRecord> records,
            NamespaceRouting routing,
            Set<String> orderedCopies,
            String splitterUid) {
        SingleOutputStreamOperator<ChangeRecord> documents =
                records.process(new CopyDurableSplitter(), ChangeRecordTypeInfo.INSTANCE)
                        .name("copy-durable markers")
                        .uid(splitterUid)
                        .setParallelism(records.getParallelism()); // forward: order kept
        BroadcastStream<ChangeRecord> markers =
                documents.getSideOutput(CopyDurableSplitter.MARKERS).broadcast(COPY_DURABLE);
        return documents
                .keyBy(routing, Types.STRING)
                .connect(markers)
                .process(
                        new SnapshotRaceGuard(orderedCopies, routing.documentKeys()),
                        ChangeRecordTypeInfo.INSTANCE);
    }

    @Override
    public void open(OpenContext openContext) {
        changeEventPassed = getRuntimeContext().getState(FLAG);
        snapshotCopiesSuperseded =
                getRuntimeContext().getMetricGroup().counter(SNAPSHOT_COPIES_SUPERSEDED);
        getRuntimeContext()
                .getMetricGroup()
                .gauge(COPY_DURABLE_GAUGE, () -> everyCopyDurable ? 1 : 0);
        orderedNamespaces.open(getRuntimeContext());
    }

    @Override
    public void processElement(
            ChangeRecord record, ReadOnlyContext context, Collector<ChangeRecord> out)
            throws Exception {
        if (NamespaceRouting.isWholeNamespaceKey(context.getCurrentKey(), record)) {
            ReadOnlyBroadcastState<String, Boolean> durable =
                    context.getBroadcastState(COPY_DURABLE);
            orderedNamespaces.process(
                    record,
                    out,
                    snapshotCopiesSuperseded,
                    durable.contains(CopyDurable.EVERY_NAMESPACE)
                            || durable.contains(record.namespace()));
            return;
        }
        if (record.kind() == ChangeRecord.Kind.COPY_END) {
            return; // a capped collection's copy, not routed whole (created after the start)
        }
        if (record.kind().isChangeEvent()) {
            ReadOnlyBroadcastState<String, Boolean> durable =
                    context.getBroadcastState(COPY_DURABLE);
            if (durable.contains(CopyDurable.EVERY_NAMESPACE)) {
                everyCopyDurable = true; // restored that way: no flag is left, none is needed
            } else if (durable.contains(record.namespace())) {
                if (changeEventPassed.value() != null) {
                    changeEventPassed.clear();
                }
            } else if (changeEventPassed.value() == null) {
                changeEventPassed.update(Boolean.TRUE);
            }
            out.collect(record);
        } else if (changeEventPassed.value() == null) {
            out.collect(record);
        } else {
            snapshotCopiesSuperseded.inc();
        }
    }

    @Override
    public void processBroadcastElement(
            ChangeRecord marker, Context context, Collector<ChangeRecord> out) throws Exception {
        if (!CopyDurable.isMarker(marker)) {
            throw new IllegalArgumentException("not a copy-durable marker: " + marker);
        }
        BroadcastState<String, Boolean> durable = context.getBroadcastState(COPY_DURABLE);
        if (durable.contains(CopyDurable.EVERY_NAMESPACE)) {
            everyCopyDurable = true; // a marker sent again after a restore: nothing left to do
            return;
        }
        String namespace = marker.namespace();
        if (CopyDurable.EVERY_NAMESPACE.equals(namespace)) {
            context.applyToKeyedState(FLAG, (key, flag) -> flag.clear());
            context.applyToKeyedState(OrderedNamespaceGuard.PASSED, (key, flags) -> flags.clear());
            durable.clear(); // every namespace is durable now: one entry says it all
            everyCopyDurable = true;
        }
        durable.put(namespace, Boolean.TRUE);
    }
}
