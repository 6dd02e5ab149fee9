package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.dsync.mongoserver.WriteListener.UpdateKind;
import io.dsync.mongoserver.catalog.CollectionMetadata;
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
    private final ConcurrentSkipListMap<Object, Document> byId =
            new ConcurrentSkipListMap<>(MongoValueOrder.INSTANCE);
    private volatile CollectionMetadata metadata;
    private int positionLimit;
    private UpdateKind pendingUpdateKind;

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
        byId.put(IdBounds.key(document.get(ID)), document);
        return position;
    }

    @Override
    public synchronized void addDocument(Document document) {
        super.addDocument(document);
        notifier.onInsert(getDatabaseName(), getCollectionName(), document.cloneDeeply());
    }

    @Override
    protected void removeDocument(Integer position) {
        Document removed = getDocument(position);
        super.removeDocument(position);
        byId.remove(IdBounds.key(removed.get(ID)));
        notifier.onDelete(getDatabaseName(), getCollectionName(), removed);
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
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
        pendingUpdateKind = kindOf(updateQuery);
        try {
            return super.updateDocuments(
                    selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
        } finally {
            pendingUpdateKind = null;
        }
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        pendingUpdateKind = kindOf(query.get("update"));
        try {
            return super.findAndModify(query);
        } finally {
            pendingUpdateKind = null;
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

    /** Stored documents in storage (natural) order. */
    public DocumentSource naturalScan(boolean descending) {
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
    public long dataSize() {
        return getDataSize();
    }
}
