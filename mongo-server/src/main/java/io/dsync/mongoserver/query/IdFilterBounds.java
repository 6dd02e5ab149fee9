package io.dsync.mongoserver.query;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The {@code _id} range a query filter can only match inside, so that a scan of the ordered {@code
 * _id} index may start and stop there. The range is a superset: the filter itself still decides
 * (for example type bracketing of {@code $gt}).
 */
public final class IdFilterBounds {

    private IdFilterBounds() {}

    public static IdBounds of(Document filter) {
        if (filter == null || !filter.containsKey("_id")) {
            return IdBounds.all();
        }
        Object condition = filter.get("_id");
        if (condition instanceof BsonRegularExpression) {
            return IdBounds.all();
        }
        if (!(condition instanceof Document operators) || !isOperatorDocument(operators)) {
            return IdBounds.exactly(condition);
        }
        IdBounds bounds = IdBounds.all();
        for (String operator : operators.keySet()) {
            Object value = operators.get(operator);
            if (value instanceof BsonRegularExpression) {
                continue;
            }
            switch (operator) {
                case "$eq" -> bounds = bounds.intersect(IdBounds.exactly(value));
                case "$gt", "$gte" -> bounds = bounds.intersect(IdBounds.atLeast(value, true));
                case "$lt", "$lte" -> bounds = bounds.intersect(IdBounds.below(value, true));
                case "$in" -> bounds = bounds.intersect(inBounds(value));
                default -> {
                    // other operators: no narrowing
                }
            }
        }
        return bounds;
    }

    private static boolean isOperatorDocument(Document document) {
        return !document.isEmpty() && document.keySet().iterator().next().startsWith("$");
    }

    private static IdBounds inBounds(Object values) {
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            return IdBounds.all();
        }
        Object min = null;
        Object max = null;
        for (Object value : list) {
            if (value instanceof BsonRegularExpression || value instanceof List) {
                return IdBounds.all();
            }
            if (min == null || MongoValueOrder.INSTANCE.compare(value, min) < 0) {
                min = value;
            }
            if (max == null || MongoValueOrder.INSTANCE.compare(value, max) > 0) {
                max = value;
            }
        }
        return IdBounds.atLeast(min, true).intersect(IdBounds.below(max, true));
    }
}
