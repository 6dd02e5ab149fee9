package io.dsync.verify.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.snapshot.IdBound;
import io.dsync.connectors.source.snapshot.IdRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifySplitSerializerTest {

    private static final byte[] KEY = {14, 0, 0, 0, 0x10, '_', 'i', 'd', 0, 7, 0, 0, 0, 0};

    @Test
    void splitsAndEnumeratorStateRoundTrip() throws Exception {
        Namespace ns = new Namespace("db", "c");
        VerifySplit split =
                new VerifySplit(4, new IdRange(ns, IdBound.of(KEY), IdBound.MAX, "db.c#3"));
        VerifySplitSerializer serializer = VerifySplitSerializer.INSTANCE;
        VerifySplit back =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
        assertThat(back).isEqualTo(split);
        assertThat(back.splitId()).isEqualTo("db.c#3");

        VerifyEnumeratorState state =
                new VerifyEnumeratorState(
                        List.of(split),
                        List.of(
                                new SplitTask(1, IdBound.MIN, 0),
                                new SplitTask(2, IdBound.of(KEY), 9)));
        VerifyEnumeratorStateSerializer states = new VerifyEnumeratorStateSerializer();
        assertThat(states.deserialize(states.getVersion(), states.serialize(state)))
                .isEqualTo(state);
    }
}
