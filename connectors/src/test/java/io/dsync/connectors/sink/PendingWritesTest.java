package io.dsync.connectors.sink;

import static io.dsync.connectors.sink.TestRecords.delete;
import static io.dsync.connectors.sink.TestRecords.insert;
import static io.dsync.connectors.sink.TestRecords.snapshot;
import static io.dsync.connectors.sink.TestRecords.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class PendingWritesTest {

    private static final Namespace A = Namespace.parse("db.a");
    private static final Namespace B = Namespace.parse("db.b");

    @Test
    void laterRecordOfTheSameKeyReplacesTheEarlierOne() {
        PendingWrites pending = new PendingWrites(100, 1 << 20, RecordKeys.INSTANCE);
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
        PendingWrites pending = new PendingWrites(100, 1 << 20, RecordKeys.INSTANCE);
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
        PendingWrites pending = new PendingWrites(100, 1 << 20, RecordKeys.INSTANCE);
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
        PendingWrites pending = new PendingWrites(3, 1 << 20, RecordKeys.INSTANCE);
        assertThat(pending.add(A, insert("s.a", 1, "v", 1), 0)).isFalse();
        assertThat(pending.add(A, insert("s.a", 2, "v", 1), 0)).isFalse();
        assertThat(pending.add(A, update("s.a", 2, "w", 2), 0)).isFalse();
        assertThat(pending.add(A, insert("s.a", 3, "v", 1), 0)).isTrue();
    }

    @Test
    void reportsFullAtTheByteLimitAndWarnsBeforeOverflowing() {
        ChangeRecord record = insert("s.a", 1, "v", 1);
        long size = PendingWrites.sizeOf(record);
        PendingWrites pending = new PendingWrites(1000, 2 * size, RecordKeys.INSTANCE);
        assertThat(pending.mustWriteFirst(A, record)).isFalse();
        assertThat(pending.add(A, record, 0)).isFalse();
        // Replacing the same key does not grow the batch.
        assertThat(pending.mustWriteFirst(A, insert("s.a", 1, "w", 2))).isFalse();
        assertThat(pending.add(A, insert("s.a", 2, "v", 1), 0)).isTrue();
        assertThat(pending.mustWriteFirst(A, insert("s.a", 3, "v", 1))).isTrue();
        assertThat(pending.mustWriteFirst(B, insert("s.b", 3, "v", 1))).isFalse();
    }

    @Test
    void largestIsTheNamespaceWithTheMostBytes() {
        PendingWrites pending = new PendingWrites(1000, 1 << 20, RecordKeys.INSTANCE);
        assertThat(pending.largest()).isNull();
        pending.add(A, insert("s.a", 1, "v", 1), 0);
        pending.add(B, insert("s.b", 1, "v", 1), 0);
        pending.add(B, insert("s.b", 2, "v", 1), 0);
        assertThat(pending.largest()).isEqualTo(B);
        assertThat(pending.bufferedBytes())
                .isEqualTo(3 * PendingWrites.sizeOf(insert("s.a", 1, "v", 1)));
    }

    private static ChangeRecord ofType(ChangeRecord.Kind kind, BsonValue id, long time) {
        return TestRecords.record(kind, "src.a", id, "v" + time, time);
    }

    /** Case 4: NumberInt(7) and NumberLong(7) are one document, in either order. */
    @Test
    void recordsOfIdsEqualInValueFoldIntoTheLastOne() {
        PendingWrites pending = new PendingWrites(100, 1 << 20, RecordKeys.INSTANCE);
        ChangeRecord insertLong = ofType(ChangeRecord.Kind.INSERT, new BsonInt64(7), 2);
        pending.add(A, ofType(ChangeRecord.Kind.DELETE, new BsonInt32(7), 1), 0);
        pending.add(A, insertLong, 1);
        ChangeRecord deleteInt = ofType(ChangeRecord.Kind.DELETE, new BsonInt32(8), 4);
        pending.add(A, ofType(ChangeRecord.Kind.INSERT, new BsonInt64(8), 3), 0);
        pending.add(A, deleteInt, 1);

        assertThat(pending.take(A).records()).containsExactlyInAnyOrder(insertLong, deleteInt);
    }

    private static ChangeRecord shardedDelete(String shardKey, long time) {
        byte[] documentKey =
                TestRecords.bson(
                        new BsonDocument("sk", new BsonString(shardKey))
                                .append("_id", new BsonInt32(1)));
        return new ChangeRecord(ChangeRecord.Kind.DELETE, "src.a", documentKey, null, time);
    }

    private static ChangeRecord shardedInsert(String shardKey, long time) {
        byte[] document =
                TestRecords.bson(
                        new BsonDocument("_id", new BsonInt32(1))
                                .append("sk", new BsonString(shardKey)));
        return new ChangeRecord(
                ChangeRecord.Kind.INSERT,
                "src.a",
                TestRecords.key(new BsonInt32(1)),
                document,
                time);
    }

    /** Case 10: the delete half of a move does not remove the moved document. */
    @Test
    void aDeleteOfTheOldShardKeyAfterTheMovedDocumentLeavesTheMovedDocument() {
        PendingWrites pending = new PendingWrites(100, 1 << 20, RecordKeys.INSTANCE);
        ChangeRecord moved = shardedInsert("new", 1);
        pending.add(A, moved, 0);
        assertThat(pending.mustWriteFirst(A, shardedDelete("old", 1))).isFalse();
        pending.add(A, shardedDelete("old", 1), 0);

        assertThat(pending.take(A).records()).containsExactly(moved);
    }

    @Test
    void aDeleteMatchingTheKeptDocumentRemovesItWhateverWasThereBefore() {
        PendingWrites pending = new PendingWrites(100, 1 << 20, RecordKeys.INSTANCE);
        pending.add(A, shardedDelete("old", 1), 0);
        pending.add(A, shardedInsert("new", 2), 0);
        pending.add(A, shardedDelete("new", 3), 0);

        ChangeRecord kept = pending.take(A).records().iterator().next();
        assertThat(kept.kind()).isEqualTo(ChangeRecord.Kind.DELETE);
        assertThat(kept.key())
                .as("by _id alone: the document is gone whatever its shard key was")
                .isEqualTo(TestRecords.key(new BsonInt32(1)));
    }

    @Test
    void twoDeletesOfDifferentShardKeysAreWrittenOneAfterTheOther() {
        PendingWrites pending = new PendingWrites(100, 1 << 20, RecordKeys.INSTANCE);
        ChangeRecord first = shardedDelete("a", 1);
        pending.add(A, first, 0);
        assertThat(pending.mustWriteFirst(A, shardedDelete("a", 2))).isFalse();
        assertThat(pending.mustWriteFirst(A, shardedDelete("b", 2))).isTrue();
        assertThat(pending.take(A).records()).containsExactly(first);
    }
}
