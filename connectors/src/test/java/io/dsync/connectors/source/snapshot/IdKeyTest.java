package io.dsync.connectors.source.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class IdKeyTest {

    @Test
    void keyIsTheIdElementByteForByteForEveryType() {
        List<BsonValue> ids = new ArrayList<>(BsonIds.singletons());
        for (int i = 0; i < 13; i++) {
            ids.add(BsonIds.id(i));
        }
        ids.add(new BsonArray(List.of(new BsonInt32(1))));
        for (BsonValue id : ids) {
            // _id after fields of every other type, so that skipping them is exercised
            BsonDocument doc = everyTypeBefore().append("_id", id).append("z", new BsonInt32(1));
            byte[] key = IdKey.of(bytes(doc));
            assertThat(key).as("key of %s", id).isEqualTo(bytes(new BsonDocument("_id", id)));
        }
    }

    @Test
    void findsEmbeddedDocumentValueBytes() {
        BsonDocument inner = new BsonDocument("x", new BsonString("y"));
        byte[] event = bytes(everyTypeBefore().append("fullDocument", inner));
        RawBsonField field = RawBsonField.find(event, "fullDocument");
        assertThat(field.valueBytes()).isEqualTo(bytes(inner));
        assertThat(RawBsonField.find(event, "missing")).isNull();
    }

    @Test
    void malformedBytesAreRefused() {
        byte[] doc = bytes(new BsonDocument("a", new BsonString("long string")));
        byte[] truncated = java.util.Arrays.copyOf(doc, doc.length - 3);
        assertThatThrownBy(() -> IdKey.of(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdKey.of(doc)).hasMessageContaining("no _id");
    }

    private static BsonDocument everyTypeBefore() {
        return new BsonDocument("d", new org.bson.BsonDouble(1.5))
                .append("s", new BsonString("str"))
                .append("o", new BsonDocument("n", new BsonInt32(1)))
                .append("a", new BsonArray(List.of(new BsonString("e"))))
                .append("b", new BsonBinary((byte) 0x80, new byte[] {1, 2, 3}))
                .append("u", new BsonUndefined())
                .append("oid", new org.bson.BsonObjectId(new ObjectId()))
                .append("re", new BsonRegularExpression("^a.*", "im"))
                .append("p", new BsonDbPointer("db.c", new ObjectId()))
                .append("js", new BsonJavaScript("function(){}"))
                .append("sym", new BsonSymbol("sym"))
                .append(
                        "jss",
                        new BsonJavaScriptWithScope("x", new BsonDocument("v", new BsonInt32(2))))
                .append("ts", new BsonTimestamp(5, 6));
    }

    @Test
    void bytesOfADocumentAreExactlyItsOwnWhereverItsArrayStarts() {
        byte[] document =
                bytes(new BsonDocument("_id", new BsonInt32(1)).append("a", new BsonString("x")));
        byte[] padded = new byte[document.length + 6];
        System.arraycopy(document, 0, padded, 3, document.length);

        assertThat(IdKey.bytesOf(new RawBsonDocument(padded, 3, document.length)))
                .isEqualTo(document);
        assertThat(IdKey.bytesOf(new RawBsonDocument(document))).isEqualTo(document);
    }

    static byte[] bytes(BsonDocument doc) {
        return IdKey.bytesOf(new RawBsonDocument(doc, new BsonDocumentCodec()));
    }
}
