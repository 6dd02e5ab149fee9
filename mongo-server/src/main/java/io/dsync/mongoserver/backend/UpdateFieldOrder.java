package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.bson.Document;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which MongoDB applies the fields of each update operator, and so appends new fields:
 * "Starting in MongoDB 5.0, update operators process document fields with string-based names in
 * lexicographic order. Fields with numeric names are processed in numeric order." (MongoDB manual,
 * "Update Operators" → "Behavior"). mongo-java-server applies them as listed.
 */
final class UpdateFieldOrder {

    private static final Comparator<String> PATHS = UpdateFieldOrder::comparePaths;

    private UpdateFieldOrder() {}

    /** The operator update with each operator's fields sorted; other updates unchanged. */
    static Object sorted(Object update) {
        if (!(update instanceof Document operators)
                || operators.isEmpty()
                || !operators.keySet().iterator().next().startsWith("$")) {
            return update;
        }
        Document result = new Document();
        operators.forEach(
                (operator, fields) ->
                        result.put(
                                operator, fields instanceof Document d ? sortedFields(d) : fields));
        return result;
    }

    private static Document sortedFields(Document fields) {
        List<String> names = new ArrayList<>(fields.keySet());
        names.sort(PATHS);
        Document sorted = new Document();
        names.forEach(name -> sorted.put(name, fields.get(name)));
        return sorted;
    }

    /** Dotted paths part by part: numeric parts by number, others as strings. */
    private static int comparePaths(String left, String right) {
        String[] l = left.split("\\.", -1);
        String[] r = right.split("\\.", -1);
        for (int i = 0; i < Math.min(l.length, r.length); i++) {
            int cmp = comparePart(l[i], r[i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(l.length, r.length);
    }

    private static int comparePart(String left, String right) {
        if (isNumber(left) && isNumber(right)) {
            return new BigInteger(left).compareTo(new BigInteger(right));
        }
        return left.compareTo(right);
    }

    private static boolean isNumber(String part) {
        return !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
