package io.dsync.mongoserver.query;

import java.math.BigDecimal;

/**
 * Compares numbers of any BSON numeric type by their exact value, as MongoDB does: NaN is below
 * every other number (and equal to NaN), -0.0 equals 0.0, infinities are at the ends, and int64 vs
 * double or Decimal128 vs double compare exactly (no rounding through double).
 */
final class NumberOrder {

    private NumberOrder() {}

    static int compare(Number left, Number right) {
        if (isIntegral(left) && isIntegral(right)) {
            return Long.compare(left.longValue(), right.longValue());
        }
        if (left instanceof Double l && right instanceof Double r) {
            return compareDoubles(l, r);
        }
        if (isIntegral(left) && right instanceof Double r) {
            return compareLongToDouble(left.longValue(), r);
        }
        if (left instanceof Double l && isIntegral(right)) {
            return -compareLongToDouble(right.longValue(), l);
        }
        return compareMixed(Value.of(left), Value.of(right));
    }

    /**
     * An int64 against a double, exactly and without allocating: a double in the int64 range is
     * split into its integral part (exact, since it has at most 53 significant bits) and the
     * fraction, which decides a tie.
     */
    static int compareLongToDouble(long l, double d) {
        if (Double.isNaN(d) || d < -0x1p63) {
            return 1; // NaN and everything below Long.MIN_VALUE (including -inf) are lower
        }
        if (d >= 0x1p63) {
            return -1;
        }
        long integral = (long) d;
        int cmp = Long.compare(l, integral);
        if (cmp != 0) {
            return cmp;
        }
        double fraction = d - integral;
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long;
    }

    private static int compareDoubles(double l, double r) {
        boolean lNaN = Double.isNaN(l);
        boolean rNaN = Double.isNaN(r);
        if (lNaN || rNaN) {
            return Boolean.compare(!lNaN, !rNaN);
        }
        return l == r ? 0 : (l < r ? -1 : 1);
    }

    private static int compareMixed(Value l, Value r) {
        int cmp = Integer.compare(l.kind, r.kind);
        if (cmp != 0 || l.kind != Value.FINITE) {
            return cmp;
        }
        return l.exact.compareTo(r.exact);
    }

    /** A number as kind (NaN &lt; -inf &lt; finite &lt; +inf) plus, when finite, its value. */
    private record Value(int kind, BigDecimal exact) {
        static final int NAN = 0;
        static final int NEGATIVE_INFINITY = 1;
        static final int FINITE = 2;
        static final int POSITIVE_INFINITY = 3;

        static Value of(Number n) {
            if (n instanceof Integer || n instanceof Long) {
                return new Value(FINITE, BigDecimal.valueOf(n.longValue()));
            }
            if (n instanceof de.bwaldvogel.mongo.bson.Decimal128 d) {
                org.bson.types.Decimal128 decimal =
                        org.bson.types.Decimal128.fromIEEE754BIDEncoding(d.getHigh(), d.getLow());
                if (decimal.isNaN()) {
                    return new Value(NAN, null);
                } else if (decimal.isInfinite()) {
                    return new Value(
                            decimal.isNegative() ? NEGATIVE_INFINITY : POSITIVE_INFINITY, null);
                }
                try {
                    return new Value(FINITE, decimal.bigDecimalValue());
                } catch (ArithmeticException negativeZero) {
                    return new Value(FINITE, BigDecimal.ZERO);
                }
            }
            double v = n.doubleValue();
            if (Double.isNaN(v)) {
                return new Value(NAN, null);
            } else if (Double.isInfinite(v)) {
                return new Value(v < 0 ? NEGATIVE_INFINITY : POSITIVE_INFINITY, null);
            }
            return new Value(FINITE, new BigDecimal(v));
        }
    }
}
