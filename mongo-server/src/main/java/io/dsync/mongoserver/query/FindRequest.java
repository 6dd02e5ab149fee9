package io.dsync.mongoserver.query;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;

/** The parsed and validated options of a {@code find} command. See the MongoDB manual, "find". */
public record FindRequest(
        String collection,
        Document filter,
        Document sort,
        Document projection,
        Object hint,
        long skip,
        long limit,
        Integer batchSize,
        boolean singleBatch,
        Document min,
        Document max) {

    public static FindRequest parse(Document command) {
        Document min = optionalDocument(command, "min");
        Document max = optionalDocument(command, "max");
        if (min != null
                && max != null
                && !min.keySet().stream().toList().equals(max.keySet().stream().toList())) {
            throw new MongoServerError(
                    51176, "Location51176", "min and max must have the same field names");
        }
        Integer batchSize = nonNegative(command, "batchSize");
        Integer skip = nonNegative(command, "skip");
        Integer limit = nonNegative(command, "limit");
        return new FindRequest(
                String.valueOf(command.get("find")),
                optionalDocument(command, "filter"),
                optionalDocument(command, "sort"),
                optionalDocument(command, "projection"),
                command.get("hint"),
                skip == null ? 0 : skip,
                limit == null ? 0 : limit,
                batchSize,
                Boolean.TRUE.equals(command.get("singleBatch")),
                min == null || min.isEmpty() ? null : min,
                max == null || max.isEmpty() ? null : max);
    }

    public boolean hasMinOrMax() {
        return min != null || max != null;
    }

    private static Document optionalDocument(Document command, String field) {
        Object value = command.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Document document)) {
            throw new MongoServerError(
                    14,
                    "TypeMismatch",
                    "BSON field 'FindCommandRequest."
                            + field
                            + "' is the wrong type, expected"
                            + " type 'object'");
        }
        return document;
    }

    private static Integer nonNegative(Document command, String field) {
        Object value = command.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new MongoServerError(
                    14,
                    "TypeMismatch",
                    "BSON field 'FindCommandRequest."
                            + field
                            + "' is the wrong type, expected a"
                            + " number");
        }
        long n = number.longValue();
        if (n < 0) {
            throw new MongoServerError(
                    51024,
                    "Location51024",
                    "BSON field '" + field + "' value must be >= 0, actual value '" + n + "'");
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}
