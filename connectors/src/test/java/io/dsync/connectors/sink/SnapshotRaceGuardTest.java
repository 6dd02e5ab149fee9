package io.dsync.connectors.sink;

import static io.dsync.connectors.sink.TestRecords.delete;
import static io.dsync.connectors.sink.TestRecords.insert;
import static io.dsync.connectors.sink.TestRecords.replace;
import static io.dsync.connectors.sink.TestRecords.snapshot;
import static io.dsync.connectors.sink.TestRecords.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.record.ChangeRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SnapshotRaceGuardTest {

    private static final String NS = "shop.orders";

    private static KeyedOneInputStreamOperatorTestHarness<String, ChangeRecord, ChangeRecord>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SnapshotRaceGuard()),
                RecordKeys.INSTANCE,
                Types.STRING);
    }

    @Test
    void changeEventBeforeSnapshotCopyDropsTheCopy() throws Exception {
        InterceptingOperatorMetricGroup operatorMetrics = new InterceptingOperatorMetricGroup();
        MockEnvironment environment =
                new MockEnvironmentBuilder()
                        .setMetricGroup(
                                new InterceptingTaskMetricGroup() {
                                    @Override
                                    public InternalOperatorMetricGroup getOrAddOperator(
                                            OperatorID id, String name) {
                                        return operatorMetrics;
                                    }
                                })
                        .build();
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SnapshotRaceGuard()),
                        RecordKeys.INSTANCE,
                        Types.STRING,
                        environment)) {
            harness.open();
            ChangeRecord update = update(NS, 1, "v2", 10);
            harness.processElement(update, 0);
            harness.processElement(snapshot(NS, 1, "v1"), 0);

            assertThat(harness.extractOutputValues()).containsExactly(update);
            Counter superseded =
                    (Counter) operatorMetrics.get(SnapshotRaceGuard.SNAPSHOT_COPIES_SUPERSEDED);
            assertThat(superseded.getCount()).isEqualTo(1);
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
            ChangeRecord copy1OtherNamespace = snapshot("shop.other", 2, "v1");
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
