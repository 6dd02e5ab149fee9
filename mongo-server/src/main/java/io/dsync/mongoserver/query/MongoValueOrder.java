package io.dsync.mongoserver.query;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.dsync.mongoserver.bson.CodeWithScope;
import io.dsync.mongoserver.bson.DbPointer;
import io.dsync.mongoserver.bson.Symbol;
import io.dsync.mongoserver.bson.Undefined;
import io.dsync.mongoserver.cursor.BsonSize;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * MongoDB's order of BSON values, as an index (and a {@code sort} on one plain field) orders them:
 * MinKey &lt; null &lt; numbers &lt; strings &lt; objects &lt; arrays &lt; binData &lt; ObjectId
 * &lt; bool &lt; date &lt; timestamp &lt; regex &lt; JavaScript &lt; MaxKey; the deprecated types
 * rank as in the MongoDB server (undefined just above MinKey, symbol with strings, DBPointer after
 * regex, code with scope after JavaScript).
 *
 * <p>Numbers of every type (int32, int64, double, Decimal128) compare by exact value, NaN below
 * every other number and -0.0 equal to 0.0; strings compare by UTF-8 bytes (simple binary
 * collation), or under a collection's collation ({@link #collated}); objects field by field (type,
 * then name, then value); arrays element by element; binData by length, then subtype, then bytes.
 * See the MongoDB manual, "Comparison/Sort Order"
 * (https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/).
 *
 * <p>Values are in mongo-java-server's representation ({@link Document}, {@link List}, {@link
 * Integer}, {@link de.bwaldvogel.mongo.bson.Decimal128}, {@link UUID} for binary subtype 4, ...).
 */
public final class MongoValueOrder implements Comparator<Object> {

    public static final MongoValueOrder INSTANCE =
            new MongoValueOrder(MongoValueOrder::compareUtf8);

    private final Comparator<String> strings;

    private MongoValueOrder(Comparator<String> strings) {
        this.strings = strings;
    }

    /**
     * The order of an index under a collation ({@link Collation}): strings and symbols, also inside
     * objects and arrays, compare by the collation; field names, regexes and code stay binary.
     * {@link #INSTANCE} for none or the simple collation.
     */
    public static MongoValueOrder collated(Object collation) {
        Comparator<String> order = Collation.stringOrder(collation);
        return order == null ? INSTANCE : new MongoValueOrder(order);
    }

    /**
     * The rank of a value's type in MongoDB's comparison order; the deprecated types rank as the
     * server ranks them (undefined below null, symbol with strings, DBPointer after regex, code
     * with scope after JavaScript).
     */
    static int typeRank(Object value) {
        if (value instanceof MinKey) {
            return 0;
        } else if (value instanceof Undefined) {
            return 1;
        } else if (value == null || value instanceof Missing) {
            return 2;
        } else if (value instanceof Number) {
            return 3;
        } else if (value instanceof String || value instanceof Symbol) {
            return 4;
        } else if (value instanceof Map) {
            return 5;
        } else if (value instanceof List) {
            return 6;
        } else if (BinaryValue.isBinary(value)) {
            return BINARY;
        } else if (value instanceof ObjectId) {
            return 8;
        } else if (value instanceof Boolean) {
            return 9;
        } else if (value instanceof Instant) {
            return 10;
        } else if (value instanceof BsonTimestamp) {
            return 11;
        } else if (value instanceof BsonRegularExpression) {
            return 12;
        } else if (value instanceof DbPointer) {
            return 13;
        } else if (value instanceof BsonJavaScript) {
            return 14;
        } else if (value instanceof CodeWithScope) {
            return 15;
        } else if (value instanceof MaxKey) {
            return 16;
        }
        throw new IllegalArgumentException("cannot order a value of " + value.getClass());
    }

    private static final int BINARY = 7;

    @Override
    public int compare(Object left, Object right) {
        if (left == right) {
            return 0;
        }
        // the usual _id types first: an index lookup compares the key with ~20 others
        if (left instanceof ObjectId l && right instanceof ObjectId r) {
            return Arrays.compareUnsigned(l.toByteArray(), r.toByteArray()); // no copies
        }
        if (left instanceof String l && right instanceof String r) {
            return strings.compare(l, r);
        }
        int leftRank = typeRank(left);
        int rank = Integer.compare(leftRank, typeRank(right));
        if (rank != 0) {
            return rank;
        }
        if (left instanceof Number l) {
            return NumberOrder.compare(l, (Number) right);
        } else if (left instanceof String || left instanceof Symbol) {
            return strings.compare(string(left), string(right));
        } else if (left instanceof Map<?, ?> l) {
            return compareDocuments(l, (Map<?, ?>) right);
        } else if (left instanceof List<?> l) {
            return compareArrays(l, (List<?>) right);
        } else if (left instanceof UUID l && right instanceof UUID r) {
            // both subtype 4, 16 bytes, stored big-endian: unsigned byte order is unsigned
            // order of the two halves (no byte arrays, as for the general binary case)
            int cmp = Long.compareUnsigned(l.getMostSignificantBits(), r.getMostSignificantBits());
            return cmp != 0
                    ? cmp
                    : Long.compareUnsigned(
                            l.getLeastSignificantBits(), r.getLeastSignificantBits());
        } else if (leftRank == BINARY) {
            return compareBinary(BinaryValue.of(left), BinaryValue.of(right));
        } else if (left instanceof Boolean l) {
            return Boolean.compare(l, (Boolean) right);
        } else if (left instanceof Instant l) {
            return l.compareTo((Instant) right);
        } else if (left instanceof BsonTimestamp l) {
            return Long.compareUnsigned(l.getValue(), ((BsonTimestamp) right).getValue());
        } else if (left instanceof BsonRegularExpression l) {
            BsonRegularExpression r = (BsonRegularExpression) right;
            int pattern = compareUtf8(l.getPattern(), r.getPattern());
            return pattern != 0 ? pattern : compareUtf8(options(l), options(r));
        } else if (left instanceof DbPointer l) {
            return compareDbPointers(l, (DbPointer) right);
        } else if (left instanceof BsonJavaScript l) {
            return compareUtf8(l.getCode(), ((BsonJavaScript) right).getCode());
        } else if (left instanceof CodeWithScope l) {
            CodeWithScope r = (CodeWithScope) right;
            int code = compareUtf8(l.code(), r.code());
            return code != 0 ? code : compareDocuments(l.scope(), r.scope());
        }
        return 0; // MinKey, undefined, null, MaxKey: one value each
    }

    private static String string(Object value) {
        return value instanceof Symbol symbol ? symbol.value() : (String) value;
    }

    /** As the server: by encoded size, then namespace bytes, then ObjectId bytes. */
    private static int compareDbPointers(DbPointer left, DbPointer right) {
        int cmp =
                Integer.compare(
                        BsonSize.utf8Length(left.namespace()),
                        BsonSize.utf8Length(right.namespace()));
        if (cmp == 0) {
            cmp = compareUtf8(left.namespace(), right.namespace());
        }
        return cmp != 0 ? cmp : left.id().compareTo(right.id());
    }

    private static String options(BsonRegularExpression regex) {
        return regex.getOptions() == null ? "" : regex.getOptions();
    }

    /** Code point order, which is the byte order of the UTF-8 encodings. */
    static int compareUtf8(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int l = left.codePointAt(i);
            int r = right.codePointAt(j);
            if (l != r) {
                return Integer.compare(l, r);
            }
            i += Character.charCount(l);
            j += Character.charCount(r);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }

    private int compareDocuments(Map<?, ?> left, Map<?, ?> right) {
        Iterator<? extends Map.Entry<?, ?>> l = left.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> r = right.entrySet().iterator();
        while (l.hasNext() && r.hasNext()) {
            Map.Entry<?, ?> le = l.next();
            Map.Entry<?, ?> re = r.next();
            int cmp = Integer.compare(typeRank(le.getValue()), typeRank(re.getValue()));
            if (cmp == 0) {
                cmp = compareUtf8((String) le.getKey(), (String) re.getKey());
            }
            if (cmp == 0) {
                cmp = compare(le.getValue(), re.getValue());
            }
            if (cmp != 0) {
                return cmp;
            }
        }
        return Boolean.compare(l.hasNext(), r.hasNext());
    }

    private int compareArrays(List<?> left, List<?> right) {
        int n = Math.min(left.size(), right.size());
        for (int i = 0; i < n; i++) {
            int cmp = compare(left.get(i), right.get(i));
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static int compareBinary(BinaryValue left, BinaryValue right) {
        int cmp = Integer.compare(left.data().length, right.data().length);
        if (cmp == 0) {
            cmp = Integer.compare(left.subtype(), right.subtype());
        }
        return cmp != 0 ? cmp : Arrays.compareUnsigned(left.data(), right.data());
    }
}
