package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The insertion (natural) order of a capped collection and its limits, as MongoDB documents them
 * ("Capped Collections": insertion order is preserved and, once the collection reaches its {@code
 * size} in bytes or its {@code max} documents, the oldest documents are removed to make room;
 * https://www.mongodb.com/docs/manual/core/capped-collections/).
 *
 * <p>mongo-java-server's in-memory collection reuses the storage slots of removed documents, so its
 * slot order is not the insertion order once documents are removed; this keeps the order itself, by
 * {@code _id} key, with the slot each document is stored in. A scan reads the documents that are
 * still there, in the order they were when it started.
 */
final class CappedOrder {

    private final long maxBytes;
    private final long maxDocuments;
    private final LinkedHashMap<Object, Integer> positions = new LinkedHashMap<>();

    private CappedOrder(long maxBytes, long maxDocuments) {
        this.maxBytes = maxBytes;
        this.maxDocuments = maxDocuments;
    }

    /** The order of a collection created with {@code options}, or null when it is not capped. */
    static CappedOrder of(Document options) {
        if (options == null || !Boolean.TRUE.equals(options.get("capped"))) {
            return null;
        }
        long size = options.get("size") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
        long max =
                options.get("max") instanceof Number n && n.longValue() > 0
                        ? n.longValue()
                        : Long.MAX_VALUE;
        return new CappedOrder(size, max);
    }

    void added(Object idKey, int position) {
        positions.put(idKey, position);
    }

    void removed(Object idKey) {
        positions.remove(idKey);
    }

    /** Whether the collection holds more than its limits allow and must lose its oldest. */
    boolean overLimit(long dataSize) {
        return positions.size() > 1 && (positions.size() > maxDocuments || dataSize > maxBytes);
    }

    /** The slot of the oldest document. */
    int oldest() {
        return positions.values().iterator().next();
    }

    /** The {@code _id} keys in insertion order (a copy), oldest first, or newest first. */
    List<Object> idKeys(boolean newestFirst) {
        List<Object> keys = new ArrayList<>(positions.keySet());
        if (newestFirst) {
            Collections.reverse(keys);
        }
        return keys;
    }
}
