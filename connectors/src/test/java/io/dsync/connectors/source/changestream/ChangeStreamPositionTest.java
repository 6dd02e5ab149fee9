package io.dsync.connectors.source.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

class ChangeStreamPositionTest {

    @Test
    void roundTripsTokensAndTimes() throws IOException {
        byte[] token =
                ChangeEventDecoderTest.bytes(
                        new BsonDocument("_data", new BsonString("8265A0B1C2000000012B0429")));
        for (ChangeStreamPosition p :
                new ChangeStreamPosition[] {
                    ChangeStreamPosition.ofResumeToken(token),
                    ChangeStreamPosition.ofOperationTime(new BsonTimestamp(1_700_000_000, 3))
                }) {
            DataOutputSerializer out = new DataOutputSerializer(32);
            p.writeTo(out);
            assertThat(
                            ChangeStreamPosition.readFrom(
                                    new DataInputDeserializer(out.getCopyOfBuffer())))
                    .isEqualTo(p);
        }
        ChangeStreamPosition p = ChangeStreamPosition.ofResumeToken(token);
        assertThat(p.isResumeToken()).isTrue();
        assertThat(p.resumeToken()).isEqualTo(token);
        assertThatThrownBy(p::operationTime).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesUnknownVersions() {
        assertThatThrownBy(
                        () ->
                                ChangeStreamPosition.readFrom(
                                        new DataInputDeserializer(new byte[] {7, 1})))
                .hasMessageContaining("version 7");
    }

    @Test
    void readsTheClusterTimeOutOfA42Token() {
        BsonTimestamp time = new BsonTimestamp(0x65A0B1C2, 1);
        byte[] token =
                ChangeEventDecoderTest.bytes(
                        new BsonDocument(
                                "_data", new BsonString("8265A0B1C2000000012B022C0100296E5A1004")));
        assertThat(ResumeTokenTime.of(token)).isEqualTo(time.getValue());
        byte[] other =
                ChangeEventDecoderTest.bytes(new BsonDocument("_data", new BsonString("00ff")));
        assertThat(ResumeTokenTime.of(other)).isZero();
    }

    @Test
    void optionsBackOffDoublingUpToTheCap() {
        ChangeStreamOptions o =
                ChangeStreamOptions.builder()
                        .initialBackoff(Duration.ofMillis(100))
                        .maxBackoff(Duration.ofMillis(500))
                        .build();
        assertThat(o.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(o.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(o.backoff(30)).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> ChangeStreamOptions.builder().batchSize(0).build())
                .hasMessageContaining("batchSize");
    }
}
