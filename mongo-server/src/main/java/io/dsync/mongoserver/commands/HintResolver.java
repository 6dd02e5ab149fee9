package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.catalog.CollectionMetadata;
import io.dsync.mongoserver.query.MongoValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the index a {@code hint} names (by name or by key pattern), as the query planner does; an
 * unknown index is MongoDB's BadValue error. See the MongoDB manual, "cursor.hint()".
 */
final class HintResolver {

    /** The hinted index specification, or empty for no hint or a {@code $natural} hint. */
    static Optional<Document> resolve(Object hint, CollectionMetadata metadata, String namespace) {
        if (hint == null || hint instanceof Document d && (d.isEmpty() || isNatural(d))) {
            return Optional.empty();
        }
        Optional<Document> index;
        if (hint instanceof String name) {
            index = metadata.index(name);
        } else if (hint instanceof Document keyPattern) {
            index =
                    metadata.indexes().stream()
                            .filter(i -> sameKey((Document) i.get("key"), keyPattern))
                            .findFirst();
        } else {
            throw new MongoServerError(
                    2, "BadValue", "hint must be a string (index name) or an object (key pattern)");
        }
        if (index.isEmpty()) {
            throw new MongoServerError(
                    2,
                    "BadValue",
                    "error processing query: ns="
                            + namespace
                            + " planner returned error :: caused by :: hint provided does not"
                            + " correspond to an existing index");
        }
        return index;
    }

    static boolean isNatural(Document hint) {
        return hint.containsKey("$natural");
    }

    static boolean isIdIndex(Document index) {
        return sameKey((Document) index.get("key"), new Document("_id", 1));
    }

    /** Same fields in the same order with the same directions/types. */
    static boolean sameKey(Document a, Document b) {
        List<String> left = new ArrayList<>(a.keySet());
        List<String> right = new ArrayList<>(b.keySet());
        if (!left.equals(right)) {
            return false;
        }
        for (String field : left) {
            if (MongoValueOrder.INSTANCE.compare(a.get(field), b.get(field)) != 0) {
                return false;
            }
        }
        return true;
    }

    private HintResolver() {}
}
