package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.record.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Case 4 of issue 16: records are keyed by the _id as the destination's _id index sees it. */
class RecordKeysTest {

    private static final BsonDocument CASE_INSENSITIVE =
            BsonDocument.parse("{locale: 'en', strength: 2}");

    private static String key(BsonValue id) {
        return RecordKeys.INSTANCE.keyOf(delete("db.c", id));
    }

    private static ChangeRecord delete(String namespace, BsonValue id) {
        return TestRecords.record(ChangeRecord.Kind.DELETE, namespace, id, null, 1);
    }

    private static BsonValue decimal(String value) {
        return new BsonDecimal128(Decimal128.parse(value));
    }

    @Test
    void anIdWithOneSpellingKeepsItsOwnBytes() {
        for (BsonValue id :
                new BsonValue[] {
                    new BsonObjectId(new ObjectId()),
                    new BsonString("a"),
                    new BsonInt32(7),
                    new BsonBinary(new byte[] {(byte) 0xff, 0, (byte) 0x80})
                }) {
            String k = key(id);
            assertThat(k).startsWith("db.c\0");
            assertThat(k.substring(5).getBytes(StandardCharsets.ISO_8859_1))
                    .isEqualTo(TestRecords.key(id));
        }
    }

    @Test
    void numbersEqualInValueAreOneDocumentWhateverTheirType() {
        String int32 = key(new BsonInt32(7));
        assertThat(key(new BsonInt64(7))).isEqualTo(int32);
        assertThat(key(new BsonDouble(7.0))).isEqualTo(int32);
        assertThat(key(decimal("7"))).isEqualTo(int32);
        assertThat(key(decimal("7.000"))).isEqualTo(int32);
        assertThat(key(decimal("0.7E1"))).isEqualTo(int32);
        assertThat(key(new BsonDouble(-0.0))).isEqualTo(key(new BsonInt32(0)));
        assertThat(key(decimal("-0"))).isEqualTo(key(new BsonInt32(0)));
        assertThat(key(new BsonInt64(1L << 40))).isEqualTo(key(new BsonDouble(0x1p40)));
        assertThat(key(decimal("1099511627776"))).isEqualTo(key(new BsonInt64(1L << 40)));
        assertThat(key(decimal("-2147483649"))).isEqualTo(key(new BsonDouble(-2147483649.0)));
        assertThat(key(new BsonInt64(1L << 40)).substring(5).getBytes(StandardCharsets.ISO_8859_1))
                .as("an int64 beyond int32 keeps its own bytes")
                .isEqualTo(TestRecords.key(new BsonInt64(1L << 40)));
        assertThat(key(decimal("1.5"))).isEqualTo(key(new BsonDouble(1.5)));
        assertThat(key(decimal("1E+20"))).isEqualTo(key(new BsonDouble(1e20)));
        assertThat(key(decimal("NaN"))).isEqualTo(key(new BsonDouble(Double.NaN)));
        assertThat(key(decimal("-Infinity")))
                .isEqualTo(key(new BsonDouble(Double.NEGATIVE_INFINITY)));
    }

    @Test
    void numbersThatDifferOnlyAfterRoundingToDoubleStayDifferent() {
        assertThat(key(decimal("0.1"))).isNotEqualTo(key(new BsonDouble(0.1)));
        assertThat(key(new BsonInt64((1L << 53) + 1))).isNotEqualTo(key(new BsonDouble(0x1p53)));
        assertThat(key(new BsonInt32(7))).isNotEqualTo(key(new BsonInt32(8)));
        assertThat(key(new BsonInt32(7))).isNotEqualTo(key(new BsonString("7")));
    }

    @Test
    void valuesInsideEmbeddedDocumentsAndArraysCompareTheSameWay() {
        BsonDocument int32 =
                new BsonDocument("a", new BsonInt32(1))
                        .append("b", new BsonArray(java.util.List.of(new BsonInt32(2))));
        BsonDocument mixed =
                new BsonDocument("a", new BsonDouble(1.0))
                        .append("b", new BsonArray(java.util.List.of(new BsonInt64(2))));
        assertThat(key(mixed)).isEqualTo(key(int32));
        BsonDocument reordered =
                new BsonDocument("b", new BsonArray(java.util.List.of(new BsonInt32(2))))
                        .append("a", new BsonInt32(1));
        assertThat(key(reordered)).as("field order matters").isNotEqualTo(key(int32));
        assertThat(key(new BsonSymbol("s"))).isEqualTo(key(new BsonString("s")));
    }

    @Test
    void stringsEqualUnderTheNamespacesCollationAreOneDocument() {
        RecordKeys keys = RecordKeys.withCollations(Map.of("db.c", CASE_INSENSITIVE));
        String lower = keys.keyOf(delete("db.c", new BsonString("résumé")));
        assertThat(keys.keyOf(delete("db.c", new BsonString("RÉSUMÉ")))).isEqualTo(lower);
        assertThat(keys.keyOf(delete("db.c", new BsonString("Résumé")))).isEqualTo(lower);
        assertThat(keys.keyOf(delete("db.c", new BsonString("resume"))))
                .as("strength 2 tells accents apart")
                .isNotEqualTo(lower);
        BsonDocument nested = new BsonDocument("name", new BsonString("Ann"));
        assertThat(keys.keyOf(delete("db.c", nested)))
                .isEqualTo(
                        keys.keyOf(
                                delete("db.c", new BsonDocument("name", new BsonString("ANN")))));
        assertThat(keys.keyOf(delete("db.other", new BsonString("A"))))
                .as("a namespace without collation compares bytes")
                .isNotEqualTo(keys.keyOf(delete("db.other", new BsonString("a"))));
        assertThat(
                        RecordKeys.withCollations(
                                Map.of("db.c", BsonDocument.parse("{locale: 'simple'}"))))
                .isEqualTo(RecordKeys.INSTANCE);
    }

    @Test
    void aDeleteIsKeyedByItsIdAloneWhateverElseItsDocumentKeyHolds() {
        byte[] documentKey =
                TestRecords.bson(
                        new BsonDocument("sk", new BsonString("old"))
                                .append("_id", new BsonInt64(7)));
        ChangeRecord delete =
                new ChangeRecord(ChangeRecord.Kind.DELETE, "db.c", documentKey, null, 1);
        assertThat(RecordKeys.INSTANCE.keyOf(delete)).isEqualTo(key(new BsonInt32(7)));
        assertThat(RecordKeys.INSTANCE.keyOf(delete("db.d", new BsonInt32(7))))
                .isNotEqualTo(key(new BsonInt32(7)));
    }
}
