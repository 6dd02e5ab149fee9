package io.dsync.verify.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.verify.bson.Digest128;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

class RangeJoinTest {

    private static final Digest128 A = new Digest128(1, 1);
    private static final Digest128 B = new Digest128(1, 2);

    @Test
    void everyIdGetsExactlyOneOutcome() {
        RangeJoin join = new RangeJoin(7, 100);
        join.addSource(id(1), A);
        join.addSource(id(2), A);
        join.addSource(id(3), A);
        join.probeDestination(id(2), A);
        join.probeDestination(id(3), B);
        join.probeDestination(id(4), A);

        ComparedRange range = join.finish();

        assertThat(range.pair()).isEqualTo(7);
        assertThat(range.sourceDocuments()).isEqualTo(3);
        assertThat(range.destinationDocuments()).isEqualTo(3);
        assertThat(range.outcome(Outcome.MATCHED)).isEqualTo(1);
        assertThat(range.outcome(Outcome.DIFFERENT)).isEqualTo(1);
        assertThat(range.outcome(Outcome.EXTRA_ON_DESTINATION)).isEqualTo(1);
        assertThat(range.outcome(Outcome.MISSING_ON_DESTINATION)).isEqualTo(1);
        assertThat(range.differences())
                .extracting(r -> r.outcome() + " " + new RawBsonDocument(r.id).get("_id"))
                .containsExactlyInAnyOrder(
                        "DIFFERENT BsonInt32{value=3}",
                        "EXTRA_ON_DESTINATION BsonInt32{value=4}",
                        "MISSING_ON_DESTINATION BsonInt32{value=1}");
    }

    @Test
    void idsAreJoinedByTheirExactBytesSoEqualValuesOfTwoTypesDiffer() {
        RangeJoin join = new RangeJoin(0, 100);
        join.addSource(id(new BsonInt32(5)), A);
        join.probeDestination(id(new BsonInt64(5)), A);

        ComparedRange range = join.finish();

        assertThat(range.outcome(Outcome.MATCHED)).isZero();
        assertThat(range.outcome(Outcome.MISSING_ON_DESTINATION)).isEqualTo(1);
        assertThat(range.outcome(Outcome.EXTRA_ON_DESTINATION)).isEqualTo(1);
    }

    @Test
    void keepsAtMostTheLimitOfDifferencesButCountsThemAll() {
        RangeJoin join = new RangeJoin(0, 2);
        for (int i = 0; i < 5; i++) {
            join.addSource(id(i), A);
        }
        ComparedRange range = join.finish();
        assertThat(range.outcome(Outcome.MISSING_ON_DESTINATION)).isEqualTo(5);
        assertThat(range.differences()).hasSize(2);
    }

    @Test
    void reportsAddUpToTheRangesOutcome() {
        RangeJoin join = new RangeJoin(2, 1);
        join.addSource(id(1), A);
        join.addSource(id(2), A);
        ComparedRange first = join.report();
        join.probeDestination(id(1), B);
        join.probeDestination(id(3), A);
        ComparedRange second = join.report();
        ComparedRange last = join.finish();

        assertThat(first.sourceDocuments()).isEqualTo(2);
        assertThat(first.outcomes()).containsOnly(0);
        assertThat(second.sourceDocuments()).isZero();
        assertThat(second.destinationDocuments()).isEqualTo(2);
        assertThat(second.outcome(Outcome.DIFFERENT)).isEqualTo(1);
        assertThat(second.outcome(Outcome.EXTRA_ON_DESTINATION)).isEqualTo(1);
        assertThat(second.differences())
                .hasSize(1)
                .first()
                .extracting(DigestRecord::outcome)
                .isEqualTo(Outcome.DIFFERENT);
        assertThat(last.destinationDocuments()).isZero();
        assertThat(last.outcome(Outcome.MISSING_ON_DESTINATION)).isEqualTo(1);
        assertThat(last.differences()).as("the range's limit of 1 is used up").isEmpty();
    }

    @Test
    void refusesSourceDocumentsAfterTheDestinationsAndARepeatedSourceId() {
        RangeJoin join = new RangeJoin(0, 2);
        join.addSource(id(1), A);
        assertThatThrownBy(() -> join.addSource(id(1), B)).hasMessageContaining("one _id twice");
        join.probeDestination(id(1), A);
        assertThatThrownBy(() -> join.addSource(id(2), A))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void comparedRangesRoundTripThroughTheirSerializer() throws Exception {
        RangeJoin join = new RangeJoin(3, 10);
        join.addSource(id(1), A);
        join.addSource(id(2), A);
        join.probeDestination(id(2), B);
        join.probeDestination(id(9), A);
        ComparedRange range = join.finish();

        DataOutputSerializer out = new DataOutputSerializer(64);
        ComparedRangeSerializer.INSTANCE.serialize(range, out);
        ComparedRange back =
                ComparedRangeSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.pair()).isEqualTo(3);
        assertThat(back.sourceDocuments()).isEqualTo(2);
        assertThat(back.destinationDocuments()).isEqualTo(2);
        assertThat(back.outcomes()).containsExactly(range.outcomes());
        assertThat(back.differences()).containsExactlyElementsOf(range.differences());

        DataOutputSerializer copied = new DataOutputSerializer(1024); // copy() does not grow it
        ComparedRangeSerializer.INSTANCE.copy(
                new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    private static byte[] id(int value) {
        return id(new BsonInt32(value));
    }

    private static byte[] id(BsonValue value) {
        ByteBuf buffer =
                new RawBsonDocument(new BsonDocument("_id", value), new BsonDocumentCodec())
                        .getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
