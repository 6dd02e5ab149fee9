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
    void integersAndDoublesCompareAsTheirExactValuesOnTheAllocationFreePath() {
        long[] longs = {
            Long.MIN_VALUE,
            Long.MIN_VALUE + 1,
            -(1L << 53) - 1,
            -(1L << 53),
            -5,
            -1,
            0,
            1,
            5,
            (1L << 53),
            (1L << 53) + 1,
            Long.MAX_VALUE - 1,
            Long.MAX_VALUE
        };
        double[] doubles = {
            Double.NEGATIVE_INFINITY,
            -0x1p64,
            -0x1p63,
            -0x1p63 + 2048,
            -9007199254740993.0,
            -5.5,
            -5.0,
            -4.5,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            0.5,
            4.5,
            5.0,
            5.5,
            9007199254740992.0,
            9007199254740994.0,
            0x1p63 - 1024,
            0x1p63,
            0x1p64,
            Double.POSITIVE_INFINITY
        };
        for (long l : longs) {
            for (double d : doubles) {
                int exact =
                        Double.isInfinite(d)
                                ? (d < 0 ? 1 : -1)
                                : new BigDecimal(l).compareTo(new BigDecimal(d));
                assertThat(Integer.signum(NumberOrder.compareLongToDouble(l, d)))
                        .as("%d vs %s", l, d)
                        .isEqualTo(exact);
                assertThat(compare(l, d)).as("%d vs %s", l, d).isEqualTo(exact);
                assertThat(compare(d, l)).as("%s vs %d", d, l).isEqualTo(-exact);
                if (l == (int) l) {
                    assertThat(compare((int) l, d)).as("int %d vs %s", l, d).isEqualTo(exact);
                }
            }
            assertThat(compare(l, Double.NaN)).isPositive();
            assertThat(compare(Double.NaN, l)).isNegative();
        }
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
    void uuidsCompareAsTheirUnsignedBigEndianBytes() {
        long[] halves = {0, 1, 0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L, -1};
        for (long lm : halves) {
            for (long ll : halves) {
                for (long rm : halves) {
                    for (long rl : halves) {
                        UUID left = new UUID(lm, ll);
                        UUID right = new UUID(rm, rl);
                        int bytes =
                                Integer.signum(
                                        java.util.Arrays.compareUnsigned(
                                                bigEndian(left), bigEndian(right)));
                        assertThat(compare(left, right))
                                .as("%s vs %s", left, right)
                                .isEqualTo(bytes);
                    }
                }
            }
        }
    }

    @Test
    void objectIdsCompareAsUnsignedBytes() {
        ObjectId low = new ObjectId("7fffffffffffffffffffffff");
        ObjectId high = new ObjectId("800000000000000000000000");
        assertThat(compare(low, high)).isNegative();
        assertThat(compare(high, low)).isPositive();
        ObjectId ff = new ObjectId("ff0000000000000000000000");
        assertThat(compare(ff, new ObjectId("010000000000000000000000"))).isPositive();
        assertThat(compare(new ObjectId(high.getHexData()), high)).isZero();
    }

    private static byte[] bigEndian(UUID uuid) {
        return java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
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
