package io.dsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.record.CopyDurable;
import org.junit.jupiter.api.Test;

/** When a namespace's copy counts as durable, for the race guard's markers (issue 16, case 7). */
class DurableCopiesTest {

    @Test
    void aCopyIsDurableWhenACheckpointTakenAfterItCompletes() {
        DurableCopies copies = new DurableCopies();
        copies.checkpointTaken(1);
        copies.copied("db.a");

        assertThat(copies.checkpointCompleted(1))
                .as("taken before the copy was complete")
                .isEmpty();
        copies.checkpointTaken(2);
        copies.copied("db.b");
        assertThat(copies.checkpointCompleted(2)).containsExactly("db.a");
        copies.checkpointTaken(3);
        assertThat(copies.checkpointCompleted(3)).containsExactly("db.b");
        assertThat(copies.all()).containsExactly("db.a", "db.b");
    }

    @Test
    void aRangeReadAgainCancelsTheWaitOfItsNamespaceAndOfTheWholeCopy() {
        DurableCopies copies = new DurableCopies();
        copies.copied("db.a");
        copies.copied(CopyDurable.EVERY_NAMESPACE);
        copies.checkpointTaken(4);
        copies.reopened("db.a");

        assertThat(copies.checkpointCompleted(4)).isEmpty();
        copies.copied("db.a");
        copies.copied(CopyDurable.EVERY_NAMESPACE);
        copies.checkpointTaken(5);
        assertThat(copies.checkpointCompleted(5))
                .containsExactly("db.a", CopyDurable.EVERY_NAMESPACE);
    }

    @Test
    void restoredCompleteCopiesAreDurableAtOnceAndTheWholeCopySaysItAll() {
        DurableCopies copies = new DurableCopies();
        copies.durableNow("db.a");
        assertThat(copies.all()).containsExactly("db.a");
        copies.copied("db.a"); // already durable: nothing to wait for
        copies.checkpointTaken(1);
        assertThat(copies.checkpointCompleted(1)).isEmpty();

        copies.durableNow(CopyDurable.EVERY_NAMESPACE);
        assertThat(copies.all()).containsExactly(CopyDurable.EVERY_NAMESPACE);
    }
}
