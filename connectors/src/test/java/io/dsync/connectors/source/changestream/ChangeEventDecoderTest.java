package io.dsync.connectors.source.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.IdKey;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class ChangeEventDecoderTest {

    private static final BsonDocument TOKEN = new BsonDocument("_data", new BsonString("8265AB"));
    private static final BsonTimestamp TIME = new BsonTimestamp(1_700_000_000, 7);

    @Test
    void insertCarriesTheFullDocumentBytesAndTheIdOnlyKey() {
        BsonDocument doc =
                new BsonDocument("_id", new BsonDecimal128(Decimal128.parse("1.50")))
                        .append("neg", new BsonDouble(-0.0))
                        .append("a", new BsonInt32(1));
        BsonDocument event =
                event("insert", "shop", "orders")
                        .append(
                                "documentKey",
                                new BsonDocument("region", new BsonString("eu"))
                                        .append("_id", doc.get("_id")))
                        .append("fullDocument", doc);
        ChangeStreamEvent decoded = ChangeEventDecoder.decode(raw(event));
        assertThat(decoded.type()).isEqualTo(ChangeStreamEvent.Type.DOCUMENT);
        ChangeRecord record = decoded.record();
        assertThat(record.kind()).isEqualTo(ChangeRecord.Kind.INSERT);
        assertThat(record.namespace()).isEqualTo("shop.orders");
        assertThat(record.document()).isEqualTo(bytes(doc));
        assertThat(record.key()).isEqualTo(bytes(new BsonDocument("_id", doc.get("_id"))));
        assertThat(record.clusterTime()).isEqualTo(TIME.getValue());
        assertThat(decoded.resumeToken()).isEqualTo(bytes(TOKEN));
        assertThat(decoded.position()).isEqualTo(ChangeStreamPosition.ofResumeToken(bytes(TOKEN)));
    }

    @Test
    void updateAndReplaceAndDelete() {
        BsonDocument doc = new BsonDocument("_id", new BsonInt32(5)).append("v", new BsonInt32(2));
        BsonDocument key = new BsonDocument("_id", new BsonInt32(5));
        assertThat(
                        ChangeEventDecoder.decode(
                                        raw(
                                                event("update", "a", "b")
                                                        .append("documentKey", key)
                                                        .append("fullDocument", doc)))
                                .record()
                                .kind())
                .isEqualTo(ChangeRecord.Kind.UPDATE);
        assertThat(
                        ChangeEventDecoder.decode(
                                        raw(
                                                event("replace", "a", "b")
                                                        .append("documentKey", key)
                                                        .append("fullDocument", doc)))
                                .record()
                                .kind())
                .isEqualTo(ChangeRecord.Kind.REPLACE);
        ChangeRecord delete =
                ChangeEventDecoder.decode(raw(event("delete", "a", "b").append("documentKey", key)))
                        .record();
        assertThat(delete.kind()).isEqualTo(ChangeRecord.Kind.DELETE);
        assertThat(delete.document()).isNull();
        assertThat(delete.key()).isEqualTo(bytes(key));
    }

    /** Case 10: a delete is filtered by its whole documentKey (shard key and _id). */
    @Test
    void aDeleteKeepsItsWholeDocumentKey() {
        BsonDocument documentKey =
                new BsonDocument("region", new BsonString("eu")).append("_id", new BsonInt32(5));
        ChangeRecord record =
                ChangeEventDecoder.decode(
                                raw(
                                        event("delete", "shop", "orders")
                                                .append("documentKey", documentKey)))
                        .record();
        assertThat(record.kind()).isEqualTo(ChangeRecord.Kind.DELETE);
        assertThat(record.key()).isEqualTo(bytes(documentKey));
        assertThatThrownBy(
                        () ->
                                ChangeEventDecoder.decode(
                                        raw(
                                                event("delete", "shop", "orders")
                                                        .append(
                                                                "documentKey",
                                                                new BsonDocument(
                                                                        "region",
                                                                        new BsonString("eu"))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("documentKey has no _id");
    }

    @Test
    void updateOfAVanishedDocumentIsOnlyProgress() {
        BsonDocument event =
                event("update", "a", "b")
                        .append("documentKey", new BsonDocument("_id", new BsonInt32(5)))
                        .append("fullDocument", BsonNull.VALUE);
        ChangeStreamEvent decoded = ChangeEventDecoder.decode(raw(event));
        assertThat(decoded.type()).isEqualTo(ChangeStreamEvent.Type.HEARTBEAT);
        assertThat(decoded.resumeToken()).isEqualTo(bytes(TOKEN));
        assertThat(decoded.clusterTime()).isEqualTo(TIME.getValue());
    }

    @Test
    void ddlEvents() {
        assertThat(ChangeEventDecoder.decode(raw(event("drop", "a", "b"))).ddl())
                .isEqualTo(DdlEvent.drop(new Namespace("a", "b")));
        assertThat(ChangeEventDecoder.decode(raw(event("create", "a", "b"))).ddl())
                .isEqualTo(DdlEvent.create(new Namespace("a", "b")));
        BsonDocument rename =
                event("rename", "a", "b")
                        .append(
                                "to",
                                new BsonDocument("db", new BsonString("c"))
                                        .append("coll", new BsonString("d")));
        DdlEvent renamed = ChangeEventDecoder.decode(raw(rename)).ddl();
        assertThat(renamed.kind()).isEqualTo(DdlEvent.Kind.RENAME);
        assertThat(renamed.target()).isEqualTo(new Namespace("c", "d"));
        BsonDocument dropDb =
                new BsonDocument("_id", TOKEN)
                        .append("operationType", new BsonString("dropDatabase"))
                        .append("clusterTime", TIME)
                        .append("ns", new BsonDocument("db", new BsonString("a")));
        assertThat(ChangeEventDecoder.decode(raw(dropDb)).ddl())
                .isEqualTo(DdlEvent.dropDatabase("a"));
        BsonDocument invalidate =
                new BsonDocument("_id", TOKEN)
                        .append("operationType", new BsonString("invalidate"))
                        .append("clusterTime", TIME);
        assertThat(ChangeEventDecoder.decode(raw(invalidate)).type())
                .isEqualTo(ChangeStreamEvent.Type.INVALIDATE);
    }

    @Test
    void unknownOperationTypesAreRefusedByName() {
        assertThatThrownBy(
                        () -> ChangeEventDecoder.decode(raw(event("reshardCollection", "a", "b"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'reshardCollection'")
                .hasMessageContaining("\"db\": \"a\"");
    }

    @Test
    void eventsWithoutTokenAreRefused() {
        BsonDocument event = event("insert", "a", "b");
        event.remove("_id");
        assertThatThrownBy(() -> ChangeEventDecoder.decode(raw(event)))
                .hasMessageContaining("resume token");
    }

    @Test
    void namesAreDecodedAsUtf8() {
        BsonDocument event =
                event("delete", "ventes_été", "bücher_日本")
                        .append("documentKey", new BsonDocument("_id", new BsonInt32(1)));
        assertThat(ChangeEventDecoder.decode(raw(event)).record().namespace())
                .isEqualTo("ventes_été.bücher_日本");
    }

    @Test
    void malformedEventsAreRefusedWithWhatIsMissing() {
        BsonDocument noOp = event("insert", "a", "b");
        noOp.remove("operationType");
        assertThatThrownBy(() -> ChangeEventDecoder.decode(raw(noOp)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("operationType");
        BsonDocument noColl =
                event("delete", "a", "b")
                        .append("documentKey", new BsonDocument("_id", new BsonInt32(1)));
        noColl.put("ns", new BsonDocument("db", new BsonString("a")));
        assertThatThrownBy(() -> ChangeEventDecoder.decode(raw(noColl)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'coll'");
        BsonDocument noTime = event("drop", "a", "b");
        noTime.remove("clusterTime");
        assertThat(ChangeEventDecoder.decode(raw(noTime)).clusterTime()).isZero();
    }

    private static BsonDocument event(String op, String db, String coll) {
        return new BsonDocument("_id", TOKEN)
                .append("operationType", new BsonString(op))
                .append("clusterTime", TIME)
                .append(
                        "ns",
                        new BsonDocument("db", new BsonString(db))
                                .append("coll", new BsonString(coll)));
    }

    static RawBsonDocument raw(BsonDocument doc) {
        return new RawBsonDocument(doc, new BsonDocumentCodec());
    }

    static byte[] bytes(BsonDocument doc) {
        return IdKey.bytesOf(raw(doc));
    }
}
