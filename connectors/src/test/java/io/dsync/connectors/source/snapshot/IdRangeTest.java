package io.dsync.connectors.source.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.connectors.namespace.Namespace;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class IdRangeTest {

    private static final Namespace NS = new Namespace("shop", "orders.2024");

    @Test
    void roundTripsThroughItsBinaryFormat() throws IOException {
        IdBound a = key(3);
        IdBound b = key(7);
        for (IdRange range :
                new IdRange[] {
                    IdRange.whole(NS, "shop.orders.2024#0"),
                    new IdRange(NS, IdBound.MIN, a, "r1"),
                    new IdRange(NS, a, b, "r2"),
                    new IdRange(NS, b, IdBound.MAX, "r3"),
                    IdRange.naturalOrder(NS, "shop.orders.2024#0")
                }) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            range.writeTo(out);
            IdRange back = IdRange.readFrom(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(range);
            assertThat(back.lower().isMin()).isEqualTo(range.lower().isMin());
            assertThat(back.isNaturalOrder()).isEqualTo(range.isNaturalOrder());
        }
        assertThat(IdRange.naturalOrder(NS, "x")).isNotEqualTo(IdRange.whole(NS, "x"));
    }

    @Test
    void refusesAnUnknownFormatVersion() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        IdRange.whole(NS, "x").writeTo(out);
        byte[] bytes = out.getCopyOfBuffer();
        bytes[0] = 99;
        assertThatThrownBy(() -> IdRange.readFrom(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void refusesInvertedOpenBounds() {
        assertThatThrownBy(() -> new IdRange(NS, IdBound.MAX, IdBound.MAX, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdBound.MIN.keyBytes()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void boundKeepsTheKeyBytes() {
        IdBound bound = key(5);
        assertThat(bound.keyBytes())
                .isEqualTo(IdKeyTest.bytes(new BsonDocument("_id", BsonIds.id(5))));
        assertThat(bound.toString()).contains("_id");
        assertThat(IdBound.MIN).hasToString("MIN");
    }

    private static IdBound key(int i) {
        return IdBound.of(IdKeyTest.bytes(new BsonDocument("_id", BsonIds.id(i))));
    }
}
