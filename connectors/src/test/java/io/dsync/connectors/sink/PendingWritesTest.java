package io.dsync.connectors.sink;

import static io.dsync.connectors.sink.TestRecords.delete;
import static io.dsync.connectors.sink.TestRecords.insert;
import static io.dsync.connectors.sink.TestRecords.snapshot;
import static io.dsync.connectors.sink.TestRecords.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import org.junit.jupiter.api.Test;

class PendingWritesTest {

    private static final Namespace A = Namespace.parse("db.a");
    private static final Namespace B = Namespace.parse("db.b");

    @Test
    void laterRecordOfTheSameKeyReplacesTheEarlierOne() {
        PendingWrites pending = new PendingWrites(100, 1 << 20);
        ChangeRecord copy = snapshot("src.a", 1, "v1");
        ChangeRecord update = update("src.a", 1, "v2", 5);
        ChangeRecord other = insert("src.a", 2, "v1", 6);
        pending.add(A, copy, 0);
        pending.add(A, update, 1);
        pending.add(A, other, 2);

        PendingWrites.Batch batch = pending.take(A);
        assertThat(batch.records()).containsExactlyInAnyOrder(update, other);
        assertThat(batch.bytes())
                .isEqualTo(PendingWrites.sizeOf(update) + PendingWrites.sizeOf(other));
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.bufferedBytes()).isZero();
    }

    @Test
    void aDeleteReplacesAnEarlierUpsertAndTheOtherWayRound() {
        PendingWrites pending = new PendingWrites(100, 1 << 20);
        ChangeRecord deleted = delete("src.a", 1, 2);
        pending.add(A, insert("src.a", 1, "v1", 1), 0);
        pending.add(A, deleted, 0);
        assertThat(pending.take(A).records()).containsExactly(deleted);

        ChangeRecord reinserted = insert("src.a", 1, "v2", 3);
        pending.add(A, deleted, 0);
        pending.add(A, reinserted, 0);
        assertThat(pending.take(A).records()).containsExactly(reinserted);
    }

    @Test
    void batchesArePerDestinationNamespace() {
        PendingWrites pending = new PendingWrites(100, 1 << 20);
        pending.add(A, insert("src.a", 1, "v", 1), 10);
        pending.add(B, insert("src.b", 1, "v", 1), 20);
        assertThat(pending.namespaces()).containsExactly(A, B);
        assertThat(pending.bufferedDocuments()).isEqualTo(2);
        assertThat(pending.oldestStartMillis()).hasValue(10);
        assertThat(pending.startedAtOrBefore(15)).containsExactly(A);
        assertThat(pending.take(A).size()).isEqualTo(1);
        assertThat(pending.oldestStartMillis()).hasValue(20);
        assertThat(pending.take(A)).isNull();
    }

    @Test
    void reportsFullAtTheDocumentLimitCountingDistinctKeys() {
        PendingWrites pending = new PendingWrites(3, 1 << 20);
        assertThat(pending.add(A, insert("s.a", 1, "v", 1), 0)).isFalse();
        assertThat(pending.add(A, insert("s.a", 2, "v", 1), 0)).isFalse();
        assertThat(pending.add(A, update("s.a", 2, "w", 2), 0)).isFalse();
        assertThat(pending.add(A, insert("s.a", 3, "v", 1), 0)).isTrue();
    }

    @Test
    void reportsFullAtTheByteLimitAndWarnsBeforeOverflowing() {
        ChangeRecord record = insert("s.a", 1, "v", 1);
        long size = PendingWrites.sizeOf(record);
        PendingWrites pending = new PendingWrites(1000, 2 * size);
        assertThat(pending.wouldOverflow(A, record)).isFalse();
        assertThat(pending.add(A, record, 0)).isFalse();
        // Replacing the same key does not grow the batch.
        assertThat(pending.wouldOverflow(A, insert("s.a", 1, "w", 2))).isFalse();
        assertThat(pending.add(A, insert("s.a", 2, "v", 1), 0)).isTrue();
        assertThat(pending.wouldOverflow(A, insert("s.a", 3, "v", 1))).isTrue();
        assertThat(pending.wouldOverflow(B, insert("s.b", 3, "v", 1))).isFalse();
    }

    @Test
    void largestIsTheNamespaceWithTheMostBytes() {
        PendingWrites pending = new PendingWrites(1000, 1 << 20);
        assertThat(pending.largest()).isNull();
        pending.add(A, insert("s.a", 1, "v", 1), 0);
        pending.add(B, insert("s.b", 1, "v", 1), 0);
        pending.add(B, insert("s.b", 2, "v", 1), 0);
        assertThat(pending.largest()).isEqualTo(B);
        assertThat(pending.bufferedBytes())
                .isEqualTo(3 * PendingWrites.sizeOf(insert("s.a", 1, "v", 1)));
    }
}
