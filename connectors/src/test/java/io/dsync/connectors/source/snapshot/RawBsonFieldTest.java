package io.dsync.connectors.source.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

class RawBsonFieldTest {

    private static final BsonTimestamp TIME = new BsonTimestamp(0x7fff_fff0, 0x8000_0001);

    private final byte[] bson =
            IdKey.bytesOf(
                    new RawBsonDocument(
                            new BsonDocument("n", new BsonInt32(3))
                                    .append("s", new BsonString("gr\u00fc\u00df \u65e5\u672c"))
                                    .append("t", TIME)
                                    .append(
                                            "ns",
                                            new BsonDocument("db", new BsonString("a"))
                                                    .append("coll", new BsonString(""))),
                            new BsonDocumentCodec()));

    @Test
    void readsStringsAsUtf8() {
        assertThat(RawBsonField.find(bson, "s").stringValue())
                .isEqualTo("gr\u00fc\u00df \u65e5\u672c");
        assertThat(RawBsonField.find(bson, "ns").field("coll").stringValue()).isEmpty();
    }

    @Test
    void readsTimestampsAsTheDriverDoes() {
        assertThat(RawBsonField.find(bson, "t").timestampValue()).isEqualTo(TIME.getValue());
    }

    @Test
    void findsFieldsOfAnEmbeddedDocument() {
        RawBsonField ns = RawBsonField.find(bson, "ns");
        assertThat(ns.field("db").stringValue()).isEqualTo("a");
        assertThat(ns.field("missing")).isNull();
    }

    @Test
    void refusesAValueOfAnotherType() {
        RawBsonField number = RawBsonField.find(bson, "n");
        assertThatThrownBy(number::stringValue)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STRING");
        assertThatThrownBy(number::timestampValue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> number.field("x")).isInstanceOf(IllegalStateException.class);
    }
}
