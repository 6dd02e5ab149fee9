package io.dsync.connectors.sink;

import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.connectors.source.snapshot.RawBsonField;
import java.math.BigDecimal;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;

/**
 * The identity of a document as the destination's {@code _id} index sees it: the raw BSON of {@code
 * {_id: v'}} where {@code v'} is one canonical spelling of every {@code _id} value the index calls
 * equal to {@code v}. Two {@code _id}s get equal bytes exactly when MongoDB would refuse them as
 * duplicates.
 *
 * <ul>
 *   <li>Numbers of every type compare by exact value ({@code NumberInt(7)}, {@code NumberLong(7)},
 *       {@code 7.0}, {@code Decimal128("7.00")}, {@code -0.0} vs {@code 0}): the canonical number
 *       is the narrowest of int32, int64, double, Decimal128 holding the value exactly; every NaN
 *       is one NaN.
 *   <li>Symbols compare as strings; under a collation ({@link IdCollation}) strings compare by
 *       collation key, so the canonical string is that key.
 *   <li>Inside embedded documents (field names and order kept) and arrays the same holds, value by
 *       value.
 * </ul>
 *
 * Every other type is equal only to itself, byte for byte. An {@code _id} that has one spelling
 * only (an ObjectId, a string without collation, an int32...) keeps its own bytes, so its identity
 * costs nothing. See the MongoDB manual, "Comparison/Sort Order" (numeric types are compared by
 * value, symbol with string) and "Collation" (an index uses the collection's default collation).
 */
final class IdIdentity {

    private static final String ID = "_id";

    private IdIdentity() {}

    /**
     * @param key raw BSON holding an {@code _id} field (a record key: {@code {_id: v}}, or a
     *     delete's whole {@code documentKey})
     * @param collation the namespace's default collation; null for simple (binary) comparison
     * @return raw BSON of {@code {_id: canonical v}}
     */
    static byte[] of(byte[] key, IdCollation collation) {
        RawBsonField id = RawBsonField.find(key, ID);
        if (id == null) {
            throw new IllegalArgumentException("key has no _id field");
        }
        if (!needsCanonicalForm(id.type(), collation)) {
            return isExactlyId(key, id) ? key : id.asSingleFieldDocument();
        }
        if (id.type() == BsonType.INT64.getValue()) {
            return integral(littleEndian(id.valueBytes()), key, id);
        }
        if (id.type() == BsonType.DOUBLE.getValue()) {
            double value = Double.longBitsToDouble(littleEndian(id.valueBytes()));
            if (value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63) {
                return integral((long) value, null, null);
            }
        }
        BsonValue value = new RawBsonDocument(key).get(ID);
        BsonDocument canonical = new BsonDocument(ID, canonical(value, collation));
        return IdKey.bytesOf(new RawBsonDocument(canonical, new BsonDocumentCodec()));
    }

    /** The canonical spelling of a value (see the class comment). */
    static BsonValue canonical(BsonValue value, IdCollation collation) {
        switch (value.getBsonType()) {
            case INT64:
                return narrowest(value.asInt64().getValue());
            case DOUBLE:
                return canonicalDouble(value.asDouble().getValue());
            case DECIMAL128:
                return canonicalDecimal(value.asDecimal128().getValue());
            case SYMBOL:
                return canonicalString(value.asSymbol().getSymbol(), collation);
            case STRING:
                return canonicalString(value.asString().getValue(), collation);
            case DOCUMENT:
                {
                    BsonDocument result = new BsonDocument();
                    for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
                        result.append(field.getKey(), canonical(field.getValue(), collation));
                    }
                    return result;
                }
            case ARRAY:
                {
                    BsonArray result = new BsonArray();
                    for (BsonValue element : value.asArray()) {
                        result.add(canonical(element, collation));
                    }
                    return result;
                }
            case JAVASCRIPT_WITH_SCOPE:
                {
                    BsonJavaScriptWithScope code = value.asJavaScriptWithScope();
                    return new BsonJavaScriptWithScope(
                            code.getCode(), canonical(code.getScope(), collation).asDocument());
                }
            default:
                return value;
        }
    }

    /**
     * {@code {_id: v}} for an integral value, as int32 when it fits (the narrowest spelling), else
     * as int64: {@code key} itself when it already is that int64.
     */
    private static byte[] integral(long value, byte[] key, RawBsonField id) {
        boolean int32 = value == (int) value;
        if (!int32 && key != null && isExactlyId(key, id)) {
            return key;
        }
        int width = int32 ? 4 : 8;
        int total = 4 + 1 + ID.length() + 1 + width + 1;
        byte[] bytes = new byte[total];
        bytes[0] = (byte) total; // total < 128
        bytes[4] = (byte) (int32 ? BsonType.INT32.getValue() : BsonType.INT64.getValue());
        bytes[5] = '_';
        bytes[6] = 'i';
        bytes[7] = 'd';
        for (int i = 0; i < width; i++) {
            bytes[9 + i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    private static long littleEndian(byte[] eight) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (eight[i] & 0xffL);
        }
        return value;
    }

    /** Whether a value of this type may have other spellings that the index calls equal. */
    private static boolean needsCanonicalForm(byte type, IdCollation collation) {
        return type == BsonType.INT64.getValue()
                || type == BsonType.DOUBLE.getValue()
                || type == BsonType.DECIMAL128.getValue()
                || type == BsonType.SYMBOL.getValue()
                || type == BsonType.DOCUMENT.getValue()
                || type == BsonType.ARRAY.getValue()
                || type == BsonType.JAVASCRIPT_WITH_SCOPE.getValue()
                || (type == BsonType.STRING.getValue() && collation != null);
    }

    /** Whether {@code key} is exactly the one-field document {@code {_id: v}}. */
    private static boolean isExactlyId(byte[] key, RawBsonField id) {
        return key.length == id.singleFieldDocumentLength();
    }

    private static BsonValue canonicalString(String value, IdCollation collation) {
        return new BsonString(collation == null ? value : collation.keyOf(value));
    }

    private static BsonValue narrowest(long value) {
        return value == (int) value ? new BsonInt32((int) value) : new BsonInt64(value);
    }

    private static BsonValue canonicalDouble(double value) {
        if (Double.isNaN(value)) {
            return new BsonDouble(Double.NaN);
        }
        if (value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63) {
            return narrowest((long) value); // also turns -0.0 into 0
        }
        return new BsonDouble(value);
    }

    private static BsonValue canonicalDecimal(Decimal128 value) {
        if (value.isNaN()) {
            return new BsonDouble(Double.NaN);
        }
        if (value.isInfinite()) {
            return new BsonDouble(
                    value.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        BigDecimal exact;
        try {
            exact = value.bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
            return new BsonInt32(0);
        }
        if (exact.signum() == 0) {
            return new BsonInt32(0);
        }
        BigDecimal stripped = exact.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
            try {
                return narrowest(stripped.longValueExact());
            } catch (ArithmeticException beyondInt64) {
                // falls through to double or Decimal128
            }
        }
        double asDouble = stripped.doubleValue();
        if (!Double.isInfinite(asDouble) && new BigDecimal(asDouble).compareTo(stripped) == 0) {
            return new BsonDouble(asDouble);
        }
        try {
            return new BsonDecimal128(new Decimal128(stripped));
        } catch (NumberFormatException notRepresentable) {
            return new BsonDecimal128(value);
        }
    }
}
