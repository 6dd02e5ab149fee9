package io.dsync.connectors.source.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

/** Per-collection positions: format version 2, while version 1 positions are still read. */
class PerCollectionPositionTest {

    private static byte[] token(String data) {
        return ChangeStreamStart.bytes(new BsonDocument("_data", new BsonString(data)));
    }

    private static ChangeStreamPosition roundTrip(ChangeStreamPosition position)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        position.writeTo(out);
        return ChangeStreamPosition.readFrom(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void perCollectionTokensRoundTripInVersion2() throws IOException {
        Map<String, byte[]> tokens = new TreeMap<>();
        tokens.put("shop.orders", token("8200"));
        tokens.put("shop.carts", token("8201"));
        ChangeStreamPosition position = ChangeStreamPosition.ofCollections(tokens);

        DataOutputSerializer out = new DataOutputSerializer(64);
        position.writeTo(out);
        assertThat(out.getCopyOfBuffer()[0]).isEqualTo((byte) 2);

        ChangeStreamPosition read = roundTrip(position);
        assertThat(read).isEqualTo(position).hasSameHashCodeAs(position);
        assertThat(read.isPerCollection()).isTrue();
        assertThat(read.isResumeToken()).isFalse();
        assertThat(read.collectionTokens().keySet()).containsExactly("shop.carts", "shop.orders");
        assertThat(read.collectionTokens().get("shop.orders")).isEqualTo(token("8200"));
        assertThatThrownBy(read::operationTime).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tokenAndTimePositionsStayInVersion1() throws IOException {
        ChangeStreamPosition token = ChangeStreamPosition.ofResumeToken(token("82aa"));
        ChangeStreamPosition time = ChangeStreamPosition.ofOperationTime(new BsonTimestamp(5, 1));
        for (ChangeStreamPosition position : new ChangeStreamPosition[] {token, time}) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            position.writeTo(out);
            assertThat(out.getCopyOfBuffer()[0]).isEqualTo((byte) 1);
            assertThat(roundTrip(position)).isEqualTo(position);
            assertThat(position.isPerCollection()).isFalse();
        }
        assertThat(ChangeStreamPosition.ofCollections(Map.of("a.b", token("82aa"))))
                .isNotEqualTo(token);
    }

    @Test
    void eventsCarryAnExplicitPosition() {
        ChangeStreamPosition composite =
                ChangeStreamPosition.ofCollections(Map.of("a.b", token("8201")));
        ChangeStreamEvent heartbeat = ChangeStreamEvent.heartbeat(token("8201"), 0);
        assertThat(heartbeat.position())
                .isEqualTo(ChangeStreamPosition.ofResumeToken(token("8201")));
        assertThat(heartbeat.at(composite).position()).isEqualTo(composite);
        assertThat(heartbeat.at(composite).withClusterTime(7).position()).isEqualTo(composite);
    }
}
