package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.query.IdBounds;
import io.dsync.mongoserver.query.MongoValueOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A non-unique secondary index with {@code prepareUnique: true}: it keeps every document's key,
 * duplicates included, and refuses an insert or update that would add a document to a key another
 * document already holds (E11000), while the duplicates that existed when the option was set stay.
 * It also lists the keys held by more than one document, which is what {@code collMod} reports as
 * {@code violations} before converting the index to unique. See the MongoDB manual, "Convert an
 * Existing Index to a Unique Index"
 * (https://www.mongodb.com/docs/manual/core/index-unique/convert-to-unique/) and "collMod"
 * (https://www.mongodb.com/docs/manual/reference/command/collMod/).
 */
final class PrepareUniqueIndex extends Index<Integer> {

    private static final String ID = "_id";

    /** Index key → the documents holding it, by {@code _id} (MongoDB's value equality). */
    private final Map<KeyValue, TreeMap<Object, Object>> holders = new HashMap<>();

    private boolean enforcing;

    PrepareUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    /** Starts refusing new duplicates; called once the existing documents are indexed. */
    synchronized void enforce() {
        enforcing = true;
    }

    /** The {@code _id}s of the documents sharing a key, one list per such key. */
    synchronized List<List<Object>> violations() {
        List<List<Object>> violations = new ArrayList<>();
        for (TreeMap<Object, Object> ids : holders.values()) {
            if (ids.size() > 1) {
                violations.add(new ArrayList<>(ids.values()));
            }
        }
        return violations;
    }

    private Set<KeyValue> keyValues(Document document) {
        if (isSparse()
                && keys().stream()
                        .allMatch(k -> Utils.getSubdocumentValue(document, k) instanceof Missing)) {
            return Set.of();
        }
        Set<KeyValue> normalized = new java.util.HashSet<>();
        for (KeyValue value : getKeyValues(document)) {
            normalized.add(value.normalized());
        }
        return normalized;
    }

    private static Object idKey(Document document) {
        return IdBounds.key(document.get(ID));
    }

    private void check(Document document, MongoCollection<Integer> collection) {
        if (!enforcing) {
            return;
        }
        Object id = idKey(document);
        for (KeyValue value : keyValues(document)) {
            TreeMap<Object, Object> ids = holders.get(value);
            if (ids != null && ids.keySet().stream().anyMatch(other -> !sameId(other, id))) {
                throw new MongoServerError(
                        11000,
                        "DuplicateKey",
                        "E11000 duplicate key error collection: "
                                + collection.getFullName()
                                + " index: "
                                + getName()
                                + " dup key: "
                                + value);
            }
        }
    }

    private static boolean sameId(Object a, Object b) {
        return MongoValueOrder.INSTANCE.compare(a, b) == 0;
    }

    @Override
    public synchronized Integer getPosition(Document document) {
        return null;
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<Integer> collection) {
        check(document, collection);
    }

    @Override
    public synchronized void add(
            Document document, Integer position, MongoCollection<Integer> collection) {
        for (KeyValue value : keyValues(document)) {
            holders.computeIfAbsent(value, v -> new TreeMap<>(MongoValueOrder.INSTANCE))
                    .put(idKey(document), document.get(ID));
        }
    }

    @Override
    public synchronized Integer remove(Document document) {
        Object id = idKey(document);
        for (KeyValue value : keyValues(document)) {
            TreeMap<Object, Object> ids = holders.get(value);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    holders.remove(value);
                }
            }
        }
        return null;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // used for its constraint only, never to answer a query
    }

    @Override
    public Iterable<Integer> getPositions(Document query) {
        throw new UnsupportedOperationException("a prepareUnique index answers no queries");
    }

    @Override
    public synchronized long getCount() {
        return holders.values().stream().mapToLong(Map::size).sum();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void checkUpdate(
            Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        if (!keyValues(oldDocument).equals(keyValues(newDocument))) {
            check(newDocument, collection);
        }
    }

    @Override
    public synchronized void updateInPlace(
            Document oldDocument,
            Document newDocument,
            Integer position,
            MongoCollection<Integer> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized void drop() {
        holders.clear();
    }
}
