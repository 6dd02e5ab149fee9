package io.dsync.verify.catalog;

import java.math.BigDecimal;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Compares index specs and collection options as the server means them: numbers by value whatever
 * their BSON type ({@code {a: 1}} and {@code {a: 1.0}} name the same index key), documents by their
 * fields regardless of order, except where order has meaning (an index's {@code key}), arrays in
 * order.
 */
final class SpecEquivalence {

    private SpecEquivalence() {}

    static boolean equivalent(BsonValue a, BsonValue b) {
        if (a.isNumber() && b.isNumber()) {
            BigDecimal x = decimal(a);
            BigDecimal y = decimal(b);
            return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
        }
        if (a.getBsonType() != b.getBsonType()) {
            return false;
        }
        if (a.isDocument()) {
            BsonDocument x = a.asDocument();
            BsonDocument y = b.asDocument();
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (String key : x.keySet()) {
                if (!equivalent(x.get(key), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            BsonArray x = a.asArray();
            BsonArray y = b.asArray();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equivalent(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Like {@link #equivalent} but the documents' keys must also come in the same order. */
    static boolean equivalentOrdered(BsonDocument a, BsonDocument b) {
        if (!List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()))) {
            return false;
        }
        return equivalent(a, b);
    }

    /** The number's exact value, or {@code null} for NaN and infinities. */
    private static BigDecimal decimal(BsonValue number) {
        if (number.isDecimal128()) {
            var d = number.asDecimal128().getValue();
            return d.isNaN() || d.isInfinite() ? null : d.bigDecimalValue();
        }
        if (number.isDouble()) {
            double d = number.asDouble().getValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        return BigDecimal.valueOf(number.asNumber().longValue());
    }
}
