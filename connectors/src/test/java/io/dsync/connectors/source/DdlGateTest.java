package io.dsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.DdlEvent;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class DdlGateTest {

    private final DdlGate gate = new DdlGate();
    private final DdlEvent drop = DdlEvent.drop(Namespace.parse("shop.orders"));
    private final ChangeStreamPosition after =
            ChangeStreamPosition.ofOperationTime(new BsonTimestamp(100, 2));

    @Test
    void theBarrierIsNoCheckpointTakenBeforeTheEmitterReachedTheDdl() {
        gate.close(drop, after);
        assertThat(gate.takeNotice()).as("the copy check is asked at once").isEqualTo(drop);
        gate.approve();
        gate.checkpointTaken(3); // earlier events still queued behind it
        assertThat(gate.readyToApply(3)).isNull();

        gate.reached();
        gate.checkpointTaken(4);
        assertThat(gate.readyToApply(4)).isEqualTo(drop);
        assertThat(gate.pendingPosition()).isEqualTo(after);
    }

    @Test
    void appliesOnlyAfterApprovalAndTheNextCompletedCheckpoint() {
        gate.close(drop, after);
        assertThat(gate.isClosed()).isTrue();
        gate.reached();
        assertThat(gate.takeNotice()).isEqualTo(drop);
        assertThat(gate.takeNotice()).as("the enumerator is asked once").isNull();

        gate.checkpointTaken(5); // before approval: not the barrier
        assertThat(gate.readyToApply(5)).isNull();

        gate.approve();
        gate.checkpointTaken(6);
        assertThat(gate.readyToApply(5)).as("an older checkpoint completing").isNull();
        assertThat(gate.readyToApply(6)).isEqualTo(drop);

        gate.open();
        assertThat(gate.isClosed()).isFalse();
        assertThat(gate.takeReleasedPosition()).isEqualTo(after);
        assertThat(gate.takeReleasedPosition()).isNull();
    }

    @Test
    void waitsForTheFirstCheckpointTakenAfterApproval() {
        gate.close(drop, after);
        gate.reached();
        gate.takeNotice();
        gate.approve();
        assertThat(gate.readyToApply(10)).as("no checkpoint taken since approval").isNull();
        gate.checkpointTaken(11);
        gate.checkpointTaken(12);
        assertThat(gate.readyToApply(11)).isEqualTo(drop);
    }
}
