package io.dsync.verify.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.verify.bson.Digest128;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DigestRecordTest {

    private static final byte[] ID = {14, 0, 0, 0, 0x10, '_', 'i', 'd', 0, 7, 0, 0, 0, 0};

    @Test
    void presenceAndDigestsGiveTheOutcome() {
        assertThat(DigestRecord.of(3, Side.SOURCE, ID, new Digest128(1, 2)).outcome())
                .isEqualTo(Outcome.MISSING_ON_DESTINATION);
        assertThat(DigestRecord.of(3, Side.DESTINATION, ID, new Digest128(1, 2)).outcome())
                .isEqualTo(Outcome.EXTRA_ON_DESTINATION);
        assertThat(DigestRecord.ofBoth(3, ID, new Digest128(1, 2), new Digest128(1, 2)).outcome())
                .isEqualTo(Outcome.MATCHED);
        assertThat(DigestRecord.ofBoth(3, ID, new Digest128(1, 2), new Digest128(1, 3)).outcome())
                .isEqualTo(Outcome.DIFFERENT);
    }

    @Test
    void serializerRoundTripsAndCopiesSerializedForm() throws Exception {
        DigestRecord record = DigestRecord.ofBoth(3, ID, new Digest128(1, 2), new Digest128(5, 6));
        DataOutputSerializer out = new DataOutputSerializer(128);
        DigestRecordSerializer.INSTANCE.serialize(record, out);
        DigestRecord back =
                DigestRecordSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(record);
        assertThat(back.sourceHigh).isEqualTo(1);
        assertThat(back.destinationLow).isEqualTo(6);

        DataOutputSerializer copied = new DataOutputSerializer(128);
        DigestRecordSerializer.INSTANCE.copy(
                new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    }

    @Test
    void accumulatorsMergeElementWise() {
        LongArrayAccumulator a = new LongArrayAccumulator(3);
        LongArrayAccumulator b = new LongArrayAccumulator(3);
        a.increment(0);
        b.increment(0);
        b.add(2, 5);
        a.merge(b);
        assertThat(a.getLocalValue()).containsExactly(2, 0, 5);
    }
}
