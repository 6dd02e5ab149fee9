package io.dsync.connectors.sink;

import static io.dsync.connectors.sink.TestRecords.delete;
import static io.dsync.connectors.sink.TestRecords.insert;
import static io.dsync.connectors.sink.TestRecords.replace;
import static io.dsync.connectors.sink.TestRecords.snapshot;
import static io.dsync.connectors.sink.TestRecords.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.CopyDurable;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The guard's interleavings, driven record by record: which copies it drops, and (issue 16, case 7)
 * which flags it keeps: only for documents changed while their namespace's copy can still deliver
 * copies, none once the whole copy is durable.
 */
class SnapshotRaceGuardTest {

    private static final String NS = "shop.orders";
    private static final String OTHER = "shop.customers";

    private static KeyedBroadcastOperatorTestHarness<
                    String, ChangeRecord, ChangeRecord, ChangeRecord>
            harness() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new SnapshotRaceGuard(), List.of(SnapshotRaceGuard.COPY_DURABLE)),
                RecordKeys.INSTANCE,
                Types.STRING,
                1,
                1,
                0);
    }

    /** The number of flags the guard keeps: read from its keyed state backend. */
    private static long flags(
            KeyedBroadcastOperatorTestHarness<String, ChangeRecord, ChangeRecord, ChangeRecord>
                    harness) {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        try (var keys =
                operator.getKeyedStateBackend()
                        .getKeys(SnapshotRaceGuard.STATE_NAME, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    @Test
    void changeEventBeforeSnapshotCopyDropsTheCopy() throws Exception {
        try (var harness = harness()) {
            harness.open();
            ChangeRecord update = update(NS, 1, "v2", 10);
            harness.processElement(update, 0);
            harness.processElement(snapshot(NS, 1, "v1"), 0);

            assertThat(harness.extractOutputValues()).containsExactly(update);
        }
    }

    @Test
    void snapshotCopyBeforeChangeEventsKeepsAllInOrder() throws Exception {
        try (var harness = harness()) {
            harness.open();
            ChangeRecord copy = snapshot(NS, 1, "v1");
            ChangeRecord update = update(NS, 1, "v2", 10);
            ChangeRecord replace = replace(NS, 1, "v3", 11);
            harness.processElement(copy, 0);
            harness.processElement(update, 0);
            harness.processElement(replace, 0);

            assertThat(harness.extractOutputValues()).containsExactly(copy, update, replace);
        }
    }

    @Test
    void deleteThenLateSnapshotCopyDoesNotResurrect() throws Exception {
        try (var harness = harness()) {
            harness.open();
            ChangeRecord deleted = delete(NS, 1, 10);
            harness.processElement(deleted, 0);
            harness.processElement(snapshot(NS, 1, "v1"), 0);

            assertThat(harness.extractOutputValues()).containsExactly(deleted);
        }
    }

    @Test
    void keysAreIndependent() throws Exception {
        try (var harness = harness()) {
            harness.open();
            ChangeRecord insert2 = insert(NS, 2, "v1", 10);
            ChangeRecord copy1 = snapshot(NS, 1, "v1");
            ChangeRecord copy1OtherNamespace = snapshot(OTHER, 2, "v1");
            harness.processElement(insert2, 0);
            harness.processElement(copy1, 0);
            harness.processElement(copy1OtherNamespace, 0);
            harness.processElement(snapshot(NS, 2, "v0"), 0);

            assertThat(harness.extractOutputValues())
                    .containsExactly(insert2, copy1, copy1OtherNamespace);
        }
    }

    @Test
    void theFlagSurvivesSnapshotAndRestore() throws Exception {
        OperatorSubtaskState state;
        ChangeRecord deleted = delete(NS, 1, 10);
        ChangeRecord copy2 = snapshot(NS, 2, "v1");
        try (var harness = harness()) {
            harness.open();
            harness.processElement(deleted, 0);
            harness.processElement(copy2, 0);
            state = harness.snapshot(1L, 1L);
        }
        try (var restored = harness()) {
            restored.initializeState(state);
            restored.open();
            ChangeRecord update2 = update(NS, 2, "v2", 11);
            restored.processElement(snapshot(NS, 1, "v1"), 0); // deleted before: dropped
            restored.processElement(update2, 0);
            restored.processElement(snapshot(NS, 2, "v1"), 0); // change event passed: dropped

            assertThat(restored.extractOutputValues()).containsExactly(update2);
        }
    }

    @Test
    void guardStateKeepsFlagsOnlyForDocumentsChangedWhileTheirNamespaceCopies() throws Exception {
        try (var harness = harness()) {
            harness.open();
            for (int id = 0; id < 100; id++) {
                harness.processElement(update(NS, id, "v1", 10), 0);
                harness.processElement(update(OTHER, id, "v1", 10), 0);
            }
            assertThat(flags(harness)).isEqualTo(200);

            harness.processBroadcastElement(CopyDurable.marker(OTHER), 0);
            // OTHER's copy is durable: its changes set no flag and clear the old ones they meet
            for (int round = 0; round < 10; round++) {
                for (int id = 0; id < 1_000; id++) {
                    harness.processElement(update(OTHER, id, "v" + round, 20 + round), 0);
                }
            }
            // NS still copies: a copy arriving after a change event is still dropped
            ChangeRecord copyAfterChange = snapshot(NS, 7, "v0");
            ChangeRecord copyOfUnchanged = snapshot(NS, 500, "v0");
            harness.processElement(copyAfterChange, 0);
            harness.processElement(copyOfUnchanged, 0);

            assertThat(flags(harness))
                    .as("flags of NS's 100 changed documents only")
                    .isEqualTo(100);
            assertThat(harness.extractOutputValues())
                    .doesNotContain(copyAfterChange)
                    .contains(copyOfUnchanged)
                    .hasSize(200 + 10_000 + 1);
        }
    }

    @Test
    void guardStateIsEmptyOnceTheWholeCopyIsDurableWhateverFollows() throws Exception {
        try (var harness = harness()) {
            harness.open();
            for (int id = 0; id < 100; id++) {
                harness.processElement(delete(NS, id, 10), 0);
                harness.processElement(insert(OTHER, id, "v1", 10), 0);
            }
            harness.processBroadcastElement(CopyDurable.marker(NS), 0);
            harness.processBroadcastElement(CopyDurable.marker(CopyDurable.EVERY_NAMESPACE), 0);
            assertThat(flags(harness)).isZero();

            for (int id = 0; id < 5_000; id++) {
                harness.processElement(insert("shop.createdLater", id, "v1", 30), 0);
                harness.processElement(update(NS, id, "v2", 30), 0);
            }
            assertThat(flags(harness)).isZero();
            assertThat(harness.getBroadcastState(SnapshotRaceGuard.COPY_DURABLE).entries())
                    .extracting(java.util.Map.Entry::getKey)
                    .containsExactly(CopyDurable.EVERY_NAMESPACE);
        }
    }

    @Test
    void guardStateStaysEmptyAcrossRestoreAndRepeatedMarkers() throws Exception {
        OperatorSubtaskState state;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(update(NS, 1, "v1", 10), 0);
            harness.processBroadcastElement(CopyDurable.marker(CopyDurable.EVERY_NAMESPACE), 0);
            state = harness.snapshot(1L, 1L);
        }
        try (var restored = harness()) {
            restored.initializeState(state);
            restored.open();
            restored.processBroadcastElement(CopyDurable.marker(NS), 0); // sent again: harmless
            for (int id = 0; id < 1_000; id++) {
                restored.processElement(update(NS, id, "v2", 20), 0);
            }
            restored.processBroadcastElement(
                    CopyDurable.marker(CopyDurable.EVERY_NAMESPACE), 0); // sent again
            restored.processElement(update(OTHER, 1, "v2", 21), 0);

            assertThat(flags(restored)).isZero();
            assertThat(restored.extractOutputValues()).hasSize(1_001);
        }
    }

    /** Today's guard state layout: a keyed ValueState "changeEventPassed" and nothing else. */
    private static final class FlagsAsBefore
            extends KeyedProcessFunction<String, ChangeRecord, ChangeRecord> {
        private transient ValueState<Boolean> flag;

        @Override
        public void open(OpenContext openContext) {
            flag =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            SnapshotRaceGuard.STATE_NAME, Types.BOOLEAN));
        }

        @Override
        public void processElement(
                ChangeRecord record, Context context, Collector<ChangeRecord> out)
                throws Exception {
            flag.update(Boolean.TRUE);
            out.collect(record);
        }
    }

    @Test
    void flagsOfAnEarlierDsyncAreRestoredKeptAndClearedByTheMarker() throws Exception {
        OperatorSubtaskState before;
        try (var earlier =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FlagsAsBefore()),
                        RecordKeys.INSTANCE,
                        Types.STRING)) {
            earlier.open();
            for (int id = 0; id < 50; id++) {
                earlier.processElement(update(NS, id, "v1", 10), 0);
            }
            before = earlier.snapshot(1L, 1L);
        }
        try (var restored = harness()) {
            restored.initializeState(before);
            restored.open();
            assertThat(flags(restored)).isEqualTo(50);
            ChangeRecord copyOfUnchanged = snapshot(NS, 60, "v0");
            restored.processElement(snapshot(NS, 3, "v0"), 0); // flagged before: dropped
            restored.processElement(copyOfUnchanged, 0);
            assertThat(restored.extractOutputValues()).containsExactly(copyOfUnchanged);

            restored.processBroadcastElement(CopyDurable.marker(CopyDurable.EVERY_NAMESPACE), 0);
            assertThat(flags(restored)).isZero();
        }
    }

    /** Case 4: a copy of {@code {_id: NumberInt(7)}} and an event of {@code NumberLong(7)}. */
    @Test
    void aChangeEventSupersedesTheCopyOfAnIdEqualInValueButOfAnotherType() throws Exception {
        try (var harness = harness()) {
            harness.open();
            ChangeRecord replaced =
                    TestRecords.record(
                            ChangeRecord.Kind.REPLACE, NS, new org.bson.BsonInt64(7), "v2", 10);
            harness.processElement(replaced, 0);
            harness.processElement(snapshot(NS, 7, "v1"), 0);

            assertThat(harness.extractOutputValues()).containsExactly(replaced);
        }
    }
}
