package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.NamespaceExistsException;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.dsync.mongoserver.catalog.CollectionMetadata;
import io.dsync.mongoserver.catalog.IndexSpecs;
import io.dsync.mongoserver.query.MongoValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A database of the embedded server: mongo-java-server's in-memory database whose user collections
 * are {@link DsyncCollection}s, with views, collection/index metadata and a {@link WriteNotifier}
 * call for every create, createIndexes and drop.
 *
 * <p>Collections named {@code system.*} are mongo-java-server's own bookkeeping and stay plain.
 */
public class DsyncDatabase extends MemoryDatabase {

    private WriteNotifier notifier;
    private final NavigableMap<String, DsyncCollection> collections = new ConcurrentSkipListMap<>();
    private final NavigableMap<String, Document> views = new ConcurrentSkipListMap<>();
    private Document pendingCreateOptions;

    public DsyncDatabase(
            String databaseName, CursorRegistry cursorRegistry, WriteNotifier notifier) {
        super(databaseName, cursorRegistry);
        this.notifier = notifier;
    }

    private static boolean isSystem(String collectionName) {
        return collectionName.startsWith("system.");
    }

    @Override
    protected MemoryCollection openOrCreateCollection(
            String collectionName, CollectionOptions options) {
        if (notifier == null || isSystem(collectionName)) {
            // called from the superclass constructor for its bookkeeping collections
            return super.openOrCreateCollection(collectionName, options);
        }
        Document createOptions =
                pendingCreateOptions != null ? pendingCreateOptions : new Document();
        DsyncCollection collection =
                new DsyncCollection(
                        this,
                        collectionName,
                        options,
                        cursorRegistry,
                        notifier,
                        new CollectionMetadata(createOptions));
        collections.put(collectionName, collection);
        notifier.onCreateCollection(getDatabaseName(), collectionName, createOptions.cloneDeeply());
        return collection;
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        boolean idIndex =
                keys.size() == 1 && keys.get(0).getKey().equals("_id") && keys.get(0).isAscending();
        if (notifier != null && idIndex && !isSystem(collectionName)) {
            // the collection's default collation (kept across a rename by its metadata)
            DsyncCollection collection = collections.get(collectionName);
            Object collation =
                    collection != null
                            ? collection.metadata().options().get("collation")
                            : pendingCreateOptions == null
                                    ? null
                                    : pendingCreateOptions.get("collation");
            return new IdIndex(indexName, MongoValueOrder.collated(collation));
        }
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }

    /** The user collection, or null. */
    public DsyncCollection collection(String name) {
        return collections.get(name);
    }

    /** The user collection, created (as an insert would create it) when missing. */
    public synchronized DsyncCollection collectionOrCreate(String name) {
        if (views.containsKey(name)) {
            throw new MongoServerError(
                    166,
                    "CommandNotSupportedOnView",
                    "Namespace " + getDatabaseName() + "." + name + " is a view, not a collection");
        }
        MongoCollection<Integer> collection = resolveOrCreateCollection(name);
        return (DsyncCollection) collection;
    }

    public Map<String, DsyncCollection> collections() {
        return collections;
    }

    public Map<String, Document> views() {
        return views;
    }

    /** Creates a collection with these {@code create} options (kept verbatim for listing). */
    public synchronized DsyncCollection createCollection(String name, Document options) {
        if (views.containsKey(name) || collections.containsKey(name)) {
            throw new NamespaceExistsException(
                    "Collection " + getDatabaseName() + "." + name + " already exists.");
        }
        pendingCreateOptions = options;
        try {
            return (DsyncCollection)
                    createCollectionOrThrowIfExists(name, CollectionOptions.withDefaults());
        } finally {
            pendingCreateOptions = null;
        }
    }

    /** Records a view ({@code viewOn} and {@code pipeline} in its options). */
    public synchronized void createView(String name, Document options) {
        if (views.containsKey(name) || collections.containsKey(name)) {
            throw new NamespaceExistsException(
                    "Namespace " + getDatabaseName() + "." + name + " already exists");
        }
        views.put(name, options.cloneDeeply());
        notifier.onCreateCollection(getDatabaseName(), name, options.cloneDeeply());
    }

    public synchronized boolean dropView(String name) {
        if (views.remove(name) == null) {
            return false;
        }
        notifier.onDropCollection(getDatabaseName(), name);
        return true;
    }

    /** Builds and records an index from a normalized specification. */
    public synchronized void createIndex(DsyncCollection collection, Document spec) {
        buildIndex(collection, spec);
        collection.metadata().addIndex(spec);
    }

    private void buildIndex(DsyncCollection collection, Document spec) {
        if (!IndexSpecs.isPrepareUnique(spec)) {
            addIndex(IndexSpecs.storageDescription(spec, collection.getFullName()));
        } else {
            PrepareUniqueIndex index =
                    new PrepareUniqueIndex(
                            (String) spec.get("name"),
                            IndexSpecs.indexKeys(spec),
                            IndexSpecs.isTrue(spec.get("sparse")));
            collection.addIndex(index);
            index.enforce();
        }
    }

    /**
     * Rebuilds the stored index of an index whose {@code unique}/{@code prepareUnique} option
     * changed ({@code collMod}), after the caller updated its specification in place (so that it
     * keeps its place in {@code listIndexes}).
     */
    public synchronized void rebuildIndex(DsyncCollection collection, Document spec) {
        dropStoredIndex(collection, (String) spec.get("name"));
        buildIndex(collection, spec);
    }

    /**
     * The {@code _id}s of the documents that share a key of a {@code prepareUnique} index, one list
     * per key; empty when there are none.
     */
    public synchronized List<List<Object>> uniqueViolations(
            DsyncCollection collection, String indexName) {
        for (Index<Integer> index : collection.getIndexes()) {
            if (index instanceof PrepareUniqueIndex prepared
                    && prepared.getName().equals(indexName)) {
                return prepared.violations();
            }
        }
        return List.of();
    }

    private void dropStoredIndex(DsyncCollection collection, String name) {
        dropIndex(collection, name);
        MongoCollection<Integer> indexes = resolveCollection("system.indexes", false);
        if (indexes != null) {
            indexes.deleteDocuments(
                    new Document("ns", collection.getFullName()).append("name", name), 1);
        }
    }

    /** Drops an index by name (the metadata and mongo-java-server's own index). */
    public synchronized void removeIndex(DsyncCollection collection, String name) {
        dropStoredIndex(collection, name);
        collection.metadata().removeIndex(name);
    }

    /**
     * Under the database's monitor, like mongo-java-server's resolving and implicit creation of a
     * collection: an insert racing a drop then lands either in the collection before it is dropped
     * or in the one it creates afterwards, never in a dropped one, and the drop never unregisters a
     * collection created after it began.
     */
    @Override
    public synchronized void dropCollection(String collectionName, Oplog oplog) {
        boolean user = collections.containsKey(collectionName);
        if (user) {
            dropPrepareUniqueIndexes(collections.get(collectionName));
        }
        super.dropCollection(collectionName, oplog);
        if (user) {
            notifier.onDropCollection(getDatabaseName(), collectionName);
        }
    }

    @Override
    public synchronized void drop(Oplog oplog) {
        for (String view : new ArrayList<>(views.keySet())) {
            dropView(view);
        }
        collections.values().forEach(DsyncDatabase::dropPrepareUniqueIndexes);
        super.drop(oplog);
    }

    /** Drops the indexes mongo-java-server does not know of (it drops only its own). */
    private static void dropPrepareUniqueIndexes(DsyncCollection collection) {
        for (Index<Integer> index : new ArrayList<>(collection.getIndexes())) {
            if (index instanceof PrepareUniqueIndex) {
                collection.dropIndex(index.getName());
            }
        }
    }

    @Override
    public void unregisterCollection(String collectionName) {
        super.unregisterCollection(collectionName);
        collections.remove(collectionName);
    }

    @Override
    public void moveCollection(
            MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        collections.put(newCollectionName, (DsyncCollection) collection);
    }

    /** Names of user collections and views, sorted. */
    public List<String> namespaceNames() {
        List<String> names = new ArrayList<>(collections.keySet());
        names.addAll(views.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public boolean isEmpty() {
        return collections.isEmpty() && views.isEmpty();
    }
}
