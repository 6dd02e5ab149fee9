package io.dsync.verify.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DigestRecordTest {

    private static final byte[] ID = {14, 0, 0, 0, 0x10, '_', 'i', 'd', 0, 7, 0, 0, 0, 0};

    @Test
    void mergingBothSidesGivesTheOutcome() {
        MergeSides merge = new MergeSides();
        DigestRecord s = DigestRecord.of(3, Side.SOURCE, ID, 1, 2);
        assertThat(s.outcome()).isEqualTo(Outcome.MISSING_ON_DESTINATION);
        assertThat(DigestRecord.of(3, Side.DESTINATION, ID, 1, 2).outcome())
                .isEqualTo(Outcome.EXTRA_ON_DESTINATION);
        assertThat(merge.reduce(s, DigestRecord.of(3, Side.DESTINATION, ID, 1, 2)).outcome())
                .isEqualTo(Outcome.MATCHED);
        assertThat(merge.reduce(DigestRecord.of(3, Side.DESTINATION, ID, 1, 3), s).outcome())
                .isEqualTo(Outcome.DIFFERENT);
    }

    @Test
    void serializersRoundTripAndKeysAreContentBased() throws Exception {
        DigestRecord record =
                new MergeSides()
                        .reduce(
                                DigestRecord.of(3, Side.SOURCE, ID, 1, 2),
                                DigestRecord.of(3, Side.DESTINATION, ID.clone(), 5, 6));
        DataOutputSerializer out = new DataOutputSerializer(128);
        DigestRecordSerializer.INSTANCE.serialize(record, out);
        DigestRecord back =
                DigestRecordSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(record);

        DataOutputSerializer copied = new DataOutputSerializer(128);
        DigestRecordSerializer.INSTANCE.copy(
                new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());

        DocumentKey key = record.key();
        out.clear();
        DocumentKeySerializer.INSTANCE.serialize(key, out);
        assertThat(
                        DocumentKeySerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(key)
                .isEqualTo(DocumentKey.of(3, ID.clone()))
                .hasSameHashCodeAs(DocumentKey.of(3, ID.clone()));
        assertThat(out.length()).isEqualTo(DocumentKeySerializer.INSTANCE.getLength());
    }

    @Test
    void keysTellApartTheIdsTypeAndPair() {
        byte[] int64 = {18, 0, 0, 0, 0x12, '_', 'i', 'd', 0, 7, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(DocumentKey.of(3, ID)).isNotEqualTo(DocumentKey.of(3, int64));
        assertThat(DocumentKey.of(3, ID)).isNotEqualTo(DocumentKey.of(4, ID));
    }

    @Test
    void recordsOfDifferentIdsSharingAKeyAreNeverMerged() {
        byte[] other = {14, 0, 0, 0, 0x10, '_', 'i', 'd', 0, 8, 0, 0, 0, 0};
        DigestRecord a = DigestRecord.of(3, Side.SOURCE, ID, 1, 2);
        DigestRecord b = DigestRecord.of(3, Side.DESTINATION, other, 1, 2);
        // as if the two hashes had collided
        b.idHigh = a.idHigh;
        b.idLow = a.idLow;
        assertThat(b.key()).isEqualTo(a.key());
        assertThatThrownBy(() -> new MergeSides().reduce(a, b))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("share one 128-bit key hash");
    }

    @Test
    void accumulatorsMergeElementWise() {
        LongArrayAccumulator a = new LongArrayAccumulator(3);
        LongArrayAccumulator b = new LongArrayAccumulator(3);
        a.increment(0);
        b.increment(0);
        b.increment(2);
        a.merge(b);
        assertThat(a.getLocalValue()).containsExactly(2, 0, 1);
    }
}
