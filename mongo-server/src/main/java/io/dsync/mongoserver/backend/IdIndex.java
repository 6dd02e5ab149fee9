package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.query.IdBounds;
import io.dsync.mongoserver.query.MongoValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The unique {@code _id} index of a user collection, with MongoDB's notion of equal keys: values
 * equal in {@link MongoValueOrder} (1, 1.0 and NumberLong(1); -0.0 and 0.0; strings equal under the
 * collection's default collation) are duplicates, values that differ only after rounding to double
 * (NumberDecimal("0.1") and 0.1; 2^53+1 and 2^53) are not. mongo-java-server's own unique index
 * compares keys rounded to double. See the MongoDB manual, "Unique Indexes" and "Comparison/Sort
 * Order".
 */
final class IdIndex extends Index<Integer> {

    private static final String ID = "_id";

    private final MongoValueOrder order;
    private final ConcurrentSkipListMap<Object, Integer> positions;

    /**
     * @param order the collection's value order: strings compare under its default collation, which
     *     the {@code _id} index always uses (MongoDB manual, "Collation": "the _id index ... uses
     *     the collection's default collation")
     */
    IdIndex(String name, MongoValueOrder order) {
        super(name, List.of(new IndexKey(ID, true)), false);
        this.order = order;
        this.positions = new ConcurrentSkipListMap<>(order);
    }

    /** Whether the stored document's {@code _id} equals one that {@code query} looks up. */
    boolean matchesLookup(Document query, Document document) {
        List<?> keys = lookupKeys(query);
        Object id = IdBounds.key(document.get(ID));
        return keys != null && keys.stream().anyMatch(k -> order.compare(IdBounds.key(k), id) == 0);
    }

    private static Object key(Document document) {
        return IdBounds.key(document.get(ID));
    }

    @Override
    public Integer getPosition(Document document) {
        return positions.get(key(document));
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        if (positions.containsKey(key(document))) {
            throw duplicate(collection, document.get(ID));
        }
    }

    static MongoServerError duplicate(MongoCollection<?> collection, Object id) {
        return new MongoServerError(
                11000,
                "DuplicateKey",
                "E11000 duplicate key error collection: "
                        + collection.getFullName()
                        + " index: _id_ dup key: { _id: "
                        + id
                        + " }");
    }

    @Override
    public void add(Document document, Integer position, MongoCollection<Integer> collection) {
        if (positions.putIfAbsent(key(document), position) != null) {
            throw duplicate(collection, document.get(ID));
        }
    }

    @Override
    public Integer remove(Document document) {
        return positions.remove(key(document));
    }

    @Override
    public boolean canHandle(Document query) {
        return lookupKeys(query) != null;
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        List<Integer> found = new ArrayList<>();
        for (Object key : lookupKeys(query)) {
            Integer position = positions.get(IdBounds.key(key));
            if (position != null) {
                found.add(position);
            }
        }
        return found;
    }

    /** The _id values a query can only match, or null when it is not an _id lookup. */
    static List<?> lookupKeys(Document query) {
        if (query.size() != 1 || !query.containsKey(ID)) {
            return null;
        }
        Object condition = query.get(ID);
        if (condition instanceof BsonRegularExpression || condition instanceof List) {
            return null;
        }
        if (!(condition instanceof Document operator)
                || operator.isEmpty()
                || !operator.keySet().iterator().next().startsWith("$")) {
            return java.util.Collections.singletonList(condition);
        }
        if (operator.size() == 1 && operator.get("$eq") != null) {
            return lookupKeys(new Document(ID, operator.get("$eq")));
        }
        if (operator.size() == 1
                && operator.get("$in") instanceof List<?> values
                && values.stream()
                        .noneMatch(v -> v instanceof BsonRegularExpression || v instanceof List)) {
            return values;
        }
        return null;
    }

    @Override
    public long getCount() {
        return positions.size();
    }

    @Override
    public long getDataSize() {
        return positions.size();
    }

    @Override
    public void checkUpdate(
            Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        // _id is immutable: mongo-java-server refuses updates that change it
    }

    @Override
    public void updateInPlace(
            Document oldDocument,
            Document newDocument,
            Integer position,
            MongoCollection<Integer> collection) {
        // _id is immutable: the key stays
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public void drop() {
        positions.clear();
    }
}
