package io.dsync.connectors.sink;

import static io.dsync.connectors.sink.TestRecords.delete;
import static io.dsync.connectors.sink.TestRecords.insert;
import static io.dsync.connectors.sink.TestRecords.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.CopyDurable;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The race guard on a capped collection routed whole to one key (issue 16, case 13). */
class OrderedNamespaceGuardTest {

    private static final String CAPPED = "app.log";
    private static final NamespaceRouting ROUTING =
            NamespaceRouting.ordering(RecordKeys.INSTANCE, Set.of(CAPPED));

    private static KeyedBroadcastOperatorTestHarness<
                    String, ChangeRecord, ChangeRecord, ChangeRecord>
            harness(Set<String> copying) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new SnapshotRaceGuard(copying, RecordKeys.INSTANCE),
                        List.of(SnapshotRaceGuard.COPY_DURABLE)),
                ROUTING,
                Types.STRING,
                1,
                1,
                0);
    }

    /** Whether the capped namespace's key holds per-document flags: read from the state backend. */
    private static long keysWithFlags(
            KeyedBroadcastOperatorTestHarness<String, ChangeRecord, ChangeRecord, ChangeRecord>
                    harness) {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        try (var keys =
                operator.getKeyedStateBackend()
                        .getKeys(OrderedNamespaceGuard.PASSED_STATE, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    @Test
    void theWholeCopyDurableClearsTheFlagsAndNoNewOnesAreKept() throws Exception {
        try (var harness = harness(Set.of(CAPPED))) {
            harness.open();
            harness.processElement(ChangeRecord.copyEnd(CAPPED), 0);
            harness.processElement(insert(CAPPED, 7, "v1", 10), 0);
            assertThat(keysWithFlags(harness)).isEqualTo(1);

            harness.processBroadcastElement(CopyDurable.marker(CopyDurable.EVERY_NAMESPACE), 0);
            assertThat(keysWithFlags(harness)).isZero();
            ChangeRecord insert8 = insert(CAPPED, 8, "v1", 11);
            harness.processElement(insert8, 0);
            assertThat(keysWithFlags(harness)).isZero();
            assertThat(harness.extractOutputValues()).endsWith(insert8);
        }
    }

    @Test
    void eventsDuringTheCopyWaitForItsEndAndFlagsStayPerDocument() throws Exception {
        try (var harness = harness(Set.of(CAPPED))) {
            harness.open();
            ChangeRecord copy1 = snapshot(CAPPED, 1, "v1");
            ChangeRecord insert7 = insert(CAPPED, 7, "v1", 10);
            ChangeRecord delete1 = delete(CAPPED, 1, 11);
            ChangeRecord copy2 = snapshot(CAPPED, 2, "v1");
            harness.processElement(copy1, 0);
            harness.processElement(insert7, 0);
            harness.processElement(delete1, 0);
            harness.processElement(copy2, 0);
            harness.processElement(snapshot(CAPPED, 7, "v1"), 0); // read after its insert
            assertThat(harness.extractOutputValues())
                    .as("nothing of the stream passes before the copy's end")
                    .containsExactly(copy1, copy2, snapshot(CAPPED, 7, "v1"));

            harness.processElement(ChangeRecord.copyEnd(CAPPED), 0);
            ChangeRecord insert8 = insert(CAPPED, 8, "v1", 12);
            harness.processElement(insert8, 0);
            harness.processElement(snapshot(CAPPED, 1, "v0"), 0); // a late copy: dropped
            assertThat(harness.extractOutputValues())
                    .containsExactly(
                            copy1, copy2, snapshot(CAPPED, 7, "v1"), insert7, delete1, insert8);
        }
    }

    @Test
    void heldEventsSurviveARestoreAndWaitForTheCopysEnd() throws Exception {
        OperatorSubtaskState state;
        ChangeRecord insert7 = insert(CAPPED, 7, "v1", 10);
        try (var harness = harness(Set.of(CAPPED))) {
            harness.open();
            harness.processElement(insert7, 0);
            state = harness.snapshot(1L, 1L);
        }
        // A restore is not a fresh start: the copy is known to run from the events held.
        try (var restored = harness(Set.of())) {
            restored.initializeState(state);
            restored.open();
            ChangeRecord insert8 = insert(CAPPED, 8, "v1", 11);
            ChangeRecord copy1 = snapshot(CAPPED, 1, "v1");
            restored.processElement(insert8, 0);
            restored.processElement(copy1, 0);
            restored.processElement(ChangeRecord.copyEnd(CAPPED), 0);
            assertThat(restored.extractOutputValues()).containsExactly(copy1, insert7, insert8);
        }
    }

    @Test
    void withoutACopyEventsPassAtOnce() throws Exception {
        try (var harness = harness(Set.of())) {
            harness.open();
            ChangeRecord insert7 = insert(CAPPED, 7, "v1", 10);
            harness.processElement(insert7, 0);
            assertThat(harness.extractOutputValues()).containsExactly(insert7);
        }
    }
}
