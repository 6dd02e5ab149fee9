package io.dsync.mongoserver.query;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.dsync.mongoserver.bson.CodeWithScope;
import io.dsync.mongoserver.bson.DbPointer;
import io.dsync.mongoserver.bson.Symbol;
import io.dsync.mongoserver.bson.TypedBinary;
import io.dsync.mongoserver.bson.Undefined;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * MongoDB's BSON comparison order (manual, "Comparison/Sort Order"), where mongo-java-server's own
 * {@link ValueComparator} differs from it.
 */
class MongoValueOrderTest {

    private static int compare(Object a, Object b) {
        return Integer.signum(MongoValueOrder.INSTANCE.compare(a, b));
    }

    @Test
    void int64AndDoubleCompareExactly() {
        assertThat(compare(5L, 5.5)).isNegative();
        assertThat(compare(9007199254740993L, 9007199254740992.0)).isPositive();
    }

    @Test
    void decimalAndDoubleCompareExactly() {
        Decimal128 tenth = new Decimal128(new BigDecimal("0.1"));
        assertThat(compare(tenth, 0.1)).isNegative();
        assertThat(compare(new Decimal128(new BigDecimal("1")), 1)).isZero();
    }

    @Test
    void negativeZeroEqualsZeroAndNaNIsLowestNumber() {
        assertThat(compare(-0.0, 0.0)).isZero();
        assertThat(compare(Double.NaN, Double.NEGATIVE_INFINITY)).isNegative();
        assertThat(compare(Double.NaN, Decimal128.NaN)).isZero();
        assertThat(compare(null, Double.NaN)).isNegative();
        assertThat(compare(MinKey.getInstance(), null)).isNegative();
    }

    @Test
    void stringsCompareByUtf8Bytes() {
        // UTF-16 order puts U+1F600 (surrogates D83D...) before U+FFFD; UTF-8 order after
        assertThat("\uD83D\uDE00".compareTo("\uFFFD")).isNegative();
        assertThat(compare("\uD83D\uDE00", "\uFFFD")).isPositive();
    }

    @Test
    void binaryComparesLengthThenSubtypeThenBytes() {
        BinData shortest = new BinData(new byte[] {(byte) 0xFF});
        BinData sixteenOnes = new BinData(new byte[16]);
        java.util.Arrays.fill(sixteenOnes.getData(), (byte) 0xFF);
        UUID zeroUuid = new UUID(0, 0);
        assertThat(compare(shortest, zeroUuid)).isNegative();
        assertThat(compare(sixteenOnes, zeroUuid)).isNegative(); // subtype 0 before subtype 4
        // mongo-java-server orders every BinData before every UUID regardless of length
        assertThat(ValueComparator.asc().compare(new BinData(new byte[20]), zeroUuid)).isNegative();
        assertThat(compare(new BinData(new byte[20]), zeroUuid)).isPositive();
    }

    @Test
    void documentsCompareTypeBeforeFieldName() {
        assertThat(compare(new Document("b", 0), new Document("a", "x"))).isNegative();
        assertThat(compare(new Document("a", 1), new Document("a", 1).append("b", 1))).isNegative();
        assertThat(compare(new Document("a", 1).append("b", 1), new Document("b", 0))).isNegative();
    }

    @Test
    void typeOrder() {
        List<Object> ascending =
                List.of(
                        MinKey.getInstance(),
                        1,
                        "s",
                        new Document(),
                        List.of(1),
                        new BinData(new byte[0]),
                        new de.bwaldvogel.mongo.bson.ObjectId(),
                        false,
                        java.time.Instant.EPOCH,
                        new de.bwaldvogel.mongo.bson.BsonTimestamp(0),
                        new de.bwaldvogel.mongo.bson.BsonRegularExpression("a", ""),
                        MaxKey.getInstance());
        for (int i = 1; i < ascending.size(); i++) {
            assertThat(compare(ascending.get(i - 1), ascending.get(i))).isNegative();
        }
    }

    @Test
    void deprecatedTypesRankAsTheServerRanksThem() {
        ObjectId id = new ObjectId("0123456789abcdef01234567");
        assertThat(compare(MinKey.getInstance(), Undefined.INSTANCE)).isNegative();
        assertThat(compare(Undefined.INSTANCE, null)).isNegative();
        assertThat(compare(new Symbol("b"), "a")).isPositive();
        assertThat(compare(new Symbol("a"), "a")).isZero();
        assertThat(compare("b", new Symbol("a"))).isPositive();
        assertThat(compare(new BsonRegularExpression("z"), new DbPointer("a.b", id))).isNegative();
        assertThat(compare(new DbPointer("a.b", id), new BsonJavaScript("x"))).isNegative();
        assertThat(compare(new DbPointer("z", id), new DbPointer("a.b", id))).isNegative();
        CodeWithScope code = new CodeWithScope("x", new Document("a", 1));
        assertThat(compare(new BsonJavaScript("z"), code)).isNegative();
        assertThat(compare(code, new CodeWithScope("x", new Document("a", 2)))).isNegative();
        assertThat(compare(code, MaxKey.getInstance())).isNegative();
    }

    @Test
    void binaryOfEverySubtypeComparesLengthThenSubtypeThenBytes() {
        assertThat(
                        compare(
                                new TypedBinary(0x80, new byte[] {1}),
                                new TypedBinary(0x05, new byte[] {1})))
                .isPositive();
        assertThat(compare(new BinData(new byte[] {9}), new TypedBinary(0x01, new byte[] {1})))
                .isNegative();
        assertThat(compare(new TypedBinary(0x02, new byte[] {1, 2}), new BinData(new byte[] {9})))
                .isPositive();
    }
}
