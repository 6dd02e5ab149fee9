package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.query.MongoValueOrder;

/**
 * The document a replacement stores: the replacement exactly as given, its fields in its order,
 * with {@code _id} first (the stored {@code _id} when the replacement has none). A replacement may
 * not change {@code _id}. See the MongoDB manual, "db.collection.replaceOne()" and "Documents" →
 * "Field Order" ("The _id field is always the first field in the documents").
 */
final class Replacement {

    private static final String ID = "_id";

    private Replacement() {}

    static Document of(Document stored, Document replacement) {
        Object storedId = stored.get(ID);
        Object id = replacement.containsKey(ID) ? replacement.get(ID) : storedId;
        if (MongoValueOrder.INSTANCE.compare(storedId, id) != 0) {
            throw new MongoServerError(
                    66,
                    "ImmutableField",
                    "After applying the update, the (immutable) field '_id' was found to have been"
                            + " altered to _id: "
                            + id);
        }
        Document result = new Document(ID, id);
        replacement.forEach(
                (field, value) -> {
                    if (!field.equals(ID)) {
                        result.put(field, value);
                    }
                });
        return result.cloneDeeply();
    }

    /** Puts {@code _id} first in {@code document}, in place (inserts; MongoDB moves it there). */
    static void moveIdFirst(Document document) {
        if (!document.containsKey(ID) || document.keySet().iterator().next().equals(ID)) {
            return;
        }
        Document fields = document.clone();
        document.clear();
        document.put(ID, fields.remove(ID));
        document.putAll(fields);
    }

    /** Reorders {@code stored} in place as {@link #of} orders a replacement's fields. */
    static void reorderAs(Document stored, Document replacement) {
        Document fields = stored.clone();
        stored.clear();
        stored.put(ID, fields.remove(ID));
        for (String field : replacement.keySet()) {
            if (fields.containsKey(field)) {
                stored.put(field, fields.remove(field));
            }
        }
        stored.putAll(fields);
    }
}
