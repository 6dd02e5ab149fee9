package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.dsync.mongoserver.WriteListener.UpdateKind;
import io.dsync.mongoserver.bson.BsonBytes;
import io.dsync.mongoserver.catalog.CollectionMetadata;
import io.dsync.mongoserver.cursor.BsonSize;
import io.dsync.mongoserver.cursor.DocumentSource;
import io.dsync.mongoserver.query.IdBounds;
import io.dsync.mongoserver.query.MongoValueOrder;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A user collection of the embedded server: mongo-java-server's in-memory collection plus
 *
 * <ul>
 *   <li>an ordered {@code _id} index (in MongoDB's value order) for bounded, ordered scans;
 *   <li>one {@link io.dsync.mongoserver.WriteListener} call per changed document, made from the
 *       single places every write passes through (add, update of one document, removal);
 *   <li>its {@link CollectionMetadata} (creation options, index specifications).
 * </ul>
 *
 * All reads and writes of stored documents happen under this object's monitor.
 */
public class DsyncCollection extends MemoryCollection {

    private static final String ID = "_id";

    private final WriteNotifier notifier;
    private final ConcurrentSkipListMap<Object, Document> byId;
    private final boolean collated;
    private volatile CollectionMetadata metadata;
    private int positionLimit;
    private long dataSize;
    private UpdateKind pendingUpdateKind;
    private Document pendingReplacement;
    private int modifiedDocuments;
    private final CappedOrder capped;
    private boolean rollingOff;

    public DsyncCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            CursorRegistry cursorRegistry,
            WriteNotifier notifier,
            CollectionMetadata metadata) {
        super(database, collectionName, options, cursorRegistry);
        this.notifier = notifier;
        this.metadata = metadata;
        MongoValueOrder order = MongoValueOrder.collated(metadata.options().get("collation"));
        this.byId = new ConcurrentSkipListMap<>(order);
        this.collated = order != MongoValueOrder.INSTANCE;
        this.capped = CappedOrder.of(metadata.options());
    }

    /**
     * An {@code _id} lookup ({@code deleteOne({_id: "a"})}, a replacement's filter) finds what the
     * {@code _id} index finds: under a collation, an {@code _id} equal by it. mongo-java-server's
     * matcher compares strings by their bytes.
     */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        if (collated && IdIndex.lookupKeys(query) != null) {
            return getIndexes().stream()
                    .filter(IdIndex.class::isInstance)
                    .map(IdIndex.class::cast)
                    .findFirst()
                    .map(index -> index.matchesLookup(query, document))
                    .orElseGet(() -> super.documentMatchesQuery(document, query));
        }
        return super.documentMatchesQuery(document, query);
    }

    public CollectionMetadata metadata() {
        return metadata;
    }

    void replaceMetadata(CollectionMetadata metadata) {
        this.metadata = metadata;
    }

    // ---- storage hooks -------------------------------------------------------------------

    @Override
    protected Integer addDocumentInternal(Document document) {
        Integer position = super.addDocumentInternal(document);
        positionLimit = Math.max(positionLimit, position + 1);
        dataSize += BsonSize.of(document);
        byId.put(IdBounds.key(document.get(ID)), document);
        if (capped != null) {
            capped.added(IdBounds.key(document.get(ID)), position);
        }
        return position;
    }

    /**
     * Index changes take this collection's monitor, like every write: a write walks the index list
     * while it is changed otherwise (an index build or drop, a concurrent drop of the collection).
     */
    @Override
    public synchronized void addIndex(Index<Integer> index) {
        super.addIndex(index);
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }

    @Override
    public synchronized void drop() {
        super.drop();
    }

    @Override
    public synchronized void addDocument(Document document) {
        if (!document.containsKey(ID)) {
            document.put(ID, new ObjectId());
        }
        Replacement.moveIdFirst(document);
        super.addDocument(document);
        notifier.onInsert(getDatabaseName(), getCollectionName(), document.cloneDeeply());
        rollOff();
    }

    /**
     * Removes the oldest documents of a capped collection while it is over its limits. The removals
     * are storage's, not writes: they are not reported to the write listeners, so change streams
     * show no event for them.
     */
    private void rollOff() {
        if (capped == null) {
            return;
        }
        rollingOff = true;
        try {
            while (capped.overLimit(dataSize)) {
                removeDocument(capped.oldest());
            }
        } finally {
            rollingOff = false;
        }
    }

    @Override
    protected void removeDocument(Integer position) {
        Document removed = getDocument(position);
        super.removeDocument(position);
        dataSize -= BsonSize.of(removed);
        byId.remove(IdBounds.key(removed.get(ID)));
        if (capped != null) {
            capped.removed(IdBounds.key(removed.get(ID)));
        }
        if (!rollingOff) {
            notifier.onDelete(getDatabaseName(), getCollectionName(), removed);
        }
    }

    /**
     * Called by every update path after the stored document changed in value. A write whose BSON
     * bytes equal the old document's is no change (MongoDB compares bytes): it is neither counted
     * in {@code nModified} nor reported.
     */
    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
        if (pendingReplacement != null) {
            Replacement.reorderAs(newDocument, pendingReplacement);
        }
        dataSize += BsonSize.of(newDocument) - BsonSize.of(oldDocument);
        if (BsonBytes.same(oldDocument, newDocument)) {
            return;
        }
        modifiedDocuments++;
        UpdateKind kind = pendingUpdateKind != null ? pendingUpdateKind : UpdateKind.UPDATE;
        notifier.onUpdate(
                getDatabaseName(),
                getCollectionName(),
                oldDocument,
                newDocument.cloneDeeply(),
                kind);
    }

    @Override
    public synchronized Document updateDocuments(
            Document selector,
            Document updateQuery,
            ArrayFilters arrayFilters,
            boolean isMulti,
            boolean isUpsert,
            Oplog oplog) {
        UpdateKind kind = kindOf(updateQuery);
        rejectMixedUpdate(updateQuery);
        if (kind == UpdateKind.REPLACE && !isMulti) {
            for (Document stored : queryDocuments(selector, null, 0, 1, 0, null)) {
                return replace(stored, updateQuery);
            }
        }
        pendingUpdateKind = kind;
        modifiedDocuments = 0;
        try {
            Document result =
                    super.updateDocuments(
                            selector,
                            (Document) UpdateFieldOrder.sorted(updateQuery),
                            arrayFilters,
                            isMulti,
                            isUpsert,
                            oplog);
            result.put("nModified", modifiedDocuments);
            return result;
        } finally {
            pendingUpdateKind = null;
        }
    }

    /** Replaces one stored document (an update without operators), exactly as given. */
    private Document replace(Document stored, Document replacement) {
        Document replaced = Replacement.of(stored, replacement);
        Document result = new Document("n", 1).append("nModified", 0);
        if (BsonBytes.same(stored, replaced)) {
            return result;
        }
        List<Index<Integer>> indexes = getIndexes();
        for (Index<Integer> index : indexes) {
            index.checkUpdate(stored, replaced, this);
        }
        Integer position =
                indexes.stream()
                        .filter(IdIndex.class::isInstance)
                        .map(index -> index.getPosition(stored))
                        .findFirst()
                        .orElseGet(() -> findDocumentPosition(stored));
        Document old = stored.cloneDeeply();
        for (Index<Integer> index : indexes) {
            index.updateInPlace(old, replaced, position, this);
        }
        stored.clear();
        stored.putAll(replaced);
        pendingUpdateKind = UpdateKind.REPLACE;
        modifiedDocuments = 0;
        try {
            handleUpdate(position, old, stored);
        } finally {
            pendingUpdateKind = null;
        }
        return result.append("nModified", modifiedDocuments);
    }

    /**
     * findAndModify: mongo-java-server's implementation, with a replacement's fields stored in its
     * order ({@link Replacement#reorderAs}).
     */
    @Override
    public synchronized Document findAndModify(Document query) {
        Object update = query.get("update");
        pendingUpdateKind = kindOf(update);
        rejectMixedUpdate(update);
        if (pendingUpdateKind == UpdateKind.REPLACE && update instanceof Document replacement) {
            pendingReplacement = replacement;
        }
        try {
            Document command = query;
            if (pendingUpdateKind == UpdateKind.UPDATE && update instanceof Document) {
                command = query.clone();
                command.put("update", UpdateFieldOrder.sorted(update));
            }
            return super.findAndModify(command);
        } finally {
            pendingUpdateKind = null;
            pendingReplacement = null;
        }
    }

    /**
     * An update document mixing operators and fields: MongoDB reads it by its first field, as an
     * operator update (then a plain field is an unknown modifier) or as a replacement (then a
     * top-level {@code $}-prefixed field is refused). See the MongoDB manual, "Field Names with
     * Periods and Dollar Signs".
     */
    private static void rejectMixedUpdate(Object update) {
        if (!(update instanceof Document document) || document.isEmpty()) {
            return;
        }
        boolean operators = document.keySet().iterator().next().startsWith("$");
        for (String field : document.keySet()) {
            if (field.startsWith("$") != operators) {
                throw operators
                        ? new MongoServerError(
                                9, "FailedToParse", "Unknown modifier: " + field + ".")
                        : new MongoServerError(
                                52,
                                "DollarPrefixedFieldName",
                                "The dollar ($) prefixed field '"
                                        + field
                                        + "' in '"
                                        + field
                                        + "' is not allowed in the context of an update's"
                                        + " replacement document. Consider using an aggregation"
                                        + " pipeline with $replaceWith.");
            }
        }
    }

    /**
     * A replacement is an update document without update operators; an operator document or an
     * aggregation pipeline is an update. See the MongoDB manual, "db.collection.replaceOne()".
     */
    static UpdateKind kindOf(Object update) {
        if (update instanceof Document document) {
            boolean operators = document.keySet().stream().anyMatch(k -> k.startsWith("$"));
            return operators ? UpdateKind.UPDATE : UpdateKind.REPLACE;
        }
        return UpdateKind.UPDATE;
    }

    // ---- reads ---------------------------------------------------------------------------

    /** The monitor under which stored documents may be read. */
    public Object lock() {
        return this;
    }

    /** Stored documents whose {@code _id} lies in {@code bounds}, in {@code _id} order. */
    public DocumentSource idScan(IdBounds bounds, boolean descending) {
        var slice = bounds.slice(byId);
        Iterator<Document> it = (descending ? slice.descendingMap() : slice).values().iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /** Stored documents in storage (natural) order; a capped collection's is insertion order. */
    public DocumentSource naturalScan(boolean descending) {
        if (capped != null) {
            Iterator<Object> keys = capped.idKeys(descending).iterator();
            return () -> {
                while (keys.hasNext()) {
                    Document document = byId.get(keys.next());
                    if (document != null) {
                        return document;
                    }
                }
                return null;
            };
        }
        return new DocumentSource() {
            private int next = descending ? positionLimit - 1 : 0;

            @Override
            public Document next() {
                while (descending ? next >= 0 : next < positionLimit) {
                    Document document = getDocument(descending ? next-- : next++);
                    if (document != null) {
                        return document;
                    }
                }
                return null;
            }
        };
    }

    /** A snapshot of the document with this {@code _id}, or null. */
    public synchronized Document findById(Object id) {
        Document document = byId.get(IdBounds.key(id));
        return document == null ? null : document.cloneDeeply();
    }

    /** All stored documents, copied, in natural order (for in-memory sorts and aggregation). */
    public synchronized List<Document> snapshot() {
        List<Document> documents = new java.util.ArrayList<>(count());
        DocumentSource scan = naturalScan(false);
        for (Document d = scan.next(); d != null; d = scan.next()) {
            documents.add(d.clone());
        }
        return documents;
    }

    /** Total BSON size of the stored documents. */
    public synchronized long dataSize() {
        return dataSize;
    }

    /**
     * The data size is kept here, measured with {@link BsonSize}, which knows every value this
     * server stores (mongo-java-server's own measure encodes documents and fails on some types).
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected synchronized int getDataSize() {
        return (int) Math.min(Integer.MAX_VALUE, dataSize);
    }
}
