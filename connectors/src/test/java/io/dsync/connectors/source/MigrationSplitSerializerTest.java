package io.dsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.snapshot.IdBound;
import io.dsync.connectors.source.snapshot.IdRange;
import java.util.UUID;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

class MigrationSplitSerializerTest {

    private static byte[] key(int id) {
        RawBsonDocument raw =
                new RawBsonDocument(
                        new BsonDocument("_id", new BsonInt32(id)), new BsonDocumentCodec());
        byte[] bytes = new byte[raw.getByteBuffer().remaining()];
        raw.getByteBuffer().get(bytes);
        return bytes;
    }

    private static MigrationSplit roundTrip(MigrationSplit split) throws Exception {
        MigrationSplitSerializer serializer = MigrationSplitSerializer.INSTANCE;
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
    }

    @Test
    void snapshotSplitKeepsItsRangeAndProgress() throws Exception {
        IdRange range =
                new IdRange(
                        Namespace.parse("shop.orders"),
                        IdBound.of(key(10)),
                        IdBound.MAX,
                        "shop.orders#3");
        SnapshotSplit fresh = new SnapshotSplit(range, null);
        SnapshotSplit resumed = new SnapshotSplit(range, key(42));

        assertThat(roundTrip(fresh)).isEqualTo(fresh);
        assertThat(roundTrip(resumed)).isEqualTo(resumed);
        assertThat(((SnapshotSplit) roundTrip(resumed)).lastKey()).isEqualTo(key(42));
        assertThat(resumed.splitId()).isEqualTo("shop.orders#3");
    }

    @Test
    void snapshotSplitKeepsItsCollectionUuidSoThatARestoredRangeIsCheckedToo() throws Exception {
        IdRange range = IdRange.whole(Namespace.parse("shop.orders"), "shop.orders#0");
        UUID uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        SnapshotSplit listed = new SnapshotSplit(range, key(3), uuid);

        SnapshotSplit restored = (SnapshotSplit) roundTrip(listed);

        assertThat(restored).isEqualTo(listed);
        assertThat(restored.collectionUuid()).isEqualTo(uuid);
        assertThat(((SnapshotSplit) roundTrip(new SnapshotSplit(range, null))).collectionUuid())
                .isNull();
    }

    @Test
    void aVersionOneSplitIsReadWithoutAUuid() throws Exception {
        IdRange range = IdRange.whole(Namespace.parse("shop.orders"), "shop.orders#0");
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(1); // snapshot split, as version 1 wrote it: range, then last key
        range.writeTo(out);
        out.writeInt(-1);

        SnapshotSplit restored =
                (SnapshotSplit)
                        MigrationSplitSerializer.INSTANCE.deserialize(1, out.getCopyOfBuffer());

        assertThat(restored.range()).isEqualTo(range);
        assertThat(restored.lastKey()).isNull();
        assertThat(restored.collectionUuid()).isNull();
    }

    @Test
    void changeStreamSplitKeepsItsPosition() throws Exception {
        ChangeStreamSplit byTime =
                new ChangeStreamSplit(
                        ChangeStreamPosition.ofOperationTime(new BsonTimestamp(7, 3)));
        RawBsonDocument token = RawBsonDocument.parse("{\"_data\": \"826B08A8\"}");
        byte[] tokenBytes = new byte[token.getByteBuffer().remaining()];
        token.getByteBuffer().get(tokenBytes);
        ChangeStreamSplit byToken =
                new ChangeStreamSplit(ChangeStreamPosition.ofResumeToken(tokenBytes));

        assertThat(roundTrip(byTime)).isEqualTo(byTime);
        assertThat(roundTrip(byToken)).isEqualTo(byToken);
        assertThat(byToken.splitId()).isEqualTo(ChangeStreamSplit.SPLIT_ID);
    }

    @Test
    void aFinishedRangeKeptUntilConfirmedKeepsItsIdAndNamespace() throws Exception {
        FinishedSnapshotSplit finished = new FinishedSnapshotSplit("shop.orders#3", "shop.orders");

        assertThat(roundTrip(finished)).isEqualTo(finished);
        assertThat(((FinishedSnapshotSplit) roundTrip(finished)).namespace())
                .isEqualTo("shop.orders");
    }

    @Test
    void enumeratorStateRoundTrips() throws Exception {
        EnumeratorState state =
                EnumeratorState.initial(
                        new ChangeStreamSplit(
                                ChangeStreamPosition.ofOperationTime(new BsonTimestamp(9, 1))));
        state.discovered = true;
        IdRange range = IdRange.whole(Namespace.parse("a.b"), "a.b#0");
        state.pendingSplits.add(new SnapshotSplit(range, key(5)));
        NamespaceProgress progress = new NamespaceProgress();
        progress.prepared = true;
        progress.splitDone = true;
        progress.rangesFinished = 4;
        progress.openRanges.add("a.b#0");
        state.namespaces.put("a.b", progress);

        EnumeratorStateSerializer serializer = new EnumeratorStateSerializer();
        EnumeratorState copy =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(copy.unassignedStream).isEqualTo(state.unassignedStream);
        assertThat(copy.discovered).isTrue();
        assertThat(copy.pendingSplits).containsExactlyElementsOf(state.pendingSplits);
        NamespaceProgress restored = copy.namespaces.get("a.b");
        assertThat(restored.prepared).isTrue();
        assertThat(restored.splitDone).isTrue();
        assertThat(restored.rangesFinished).isEqualTo(4);
        assertThat(restored.openRanges).containsExactly("a.b#0");
        assertThat(copy.snapshotComplete(false)).isFalse();
    }
}
