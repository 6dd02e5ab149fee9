package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.backend.DsyncDatabase;
import io.dsync.mongoserver.backend.WriteNotifier;
import io.dsync.mongoserver.catalog.IndexSpecs;
import io.dsync.mongoserver.cursor.CursorStore;
import io.dsync.mongoserver.cursor.ServerCursor;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code createIndexes}, {@code listIndexes} and {@code dropIndexes}: specifications are kept and
 * listed as given (normalized as MongoDB stores them); mongo-java-server enforces {@code unique}
 * and {@code sparse}, other options are recorded only. See the MongoDB manual, "createIndexes".
 */
public final class IndexCommands {

    private final DsyncBackend backend;
    private final CursorStore cursors;
    private final WriteNotifier notifier;

    public IndexCommands(DsyncBackend backend, CursorStore cursors, WriteNotifier notifier) {
        this.backend = backend;
        this.cursors = cursors;
        this.notifier = notifier;
    }

    public void register(CommandTable table) {
        table.add("createIndexes", this::createIndexes);
        table.add("listIndexes", this::listIndexes);
        table.add("dropIndexes", this::dropIndexes);
        table.add("deleteIndexes", this::dropIndexes);
    }

    private Document createIndexes(Channel channel, String databaseName, Document command) {
        String name = String.valueOf(command.get("createIndexes"));
        if (!(command.get("indexes") instanceof List<?> given) || given.isEmpty()) {
            throw new MongoServerError(2, "BadValue", "Must specify at least one index to create");
        }
        DsyncDatabase database = backend.resolveDsyncDatabase(databaseName);
        boolean created = database.collection(name) == null;
        DsyncCollection collection = database.collectionOrCreate(name);
        List<Document> added = new ArrayList<>();
        int before;
        synchronized (database) {
            before = collection.metadata().indexes().size();
            for (Object spec : given) {
                Document normalized = IndexSpecs.normalize((Document) spec);
                if (!conflicts(collection, normalized)) {
                    database.createIndex(collection, normalized);
                    added.add(normalized);
                }
            }
        }
        if (!added.isEmpty()) {
            notifier.onCreateIndexes(databaseName, name, added);
        }
        Document reply = new Document("numIndexesBefore", before);
        reply.put("numIndexesAfter", collection.metadata().indexes().size());
        reply.put("createdCollectionAutomatically", created);
        if (added.isEmpty()) {
            reply.put("note", "all indexes already exist");
        }
        reply.put("ok", 1.0);
        return reply;
    }

    /** True when an identical index exists; an error when a different one has its name or key. */
    private static boolean conflicts(DsyncCollection collection, Document spec) {
        for (Document existing : collection.metadata().indexes()) {
            boolean sameName = existing.get("name").equals(spec.get("name"));
            boolean sameKey =
                    HintResolver.sameKey(
                            (Document) existing.get("key"), (Document) spec.get("key"));
            if (sameName && IndexSpecs.sameIndex(existing, spec)) {
                return true;
            }
            if (sameName) {
                throw new MongoServerError(
                        86,
                        "IndexKeySpecsConflict",
                        "An existing index has the same name as the requested index but different"
                                + " key or options. Requested index: "
                                + spec
                                + ", existing index: "
                                + existing);
            }
            if (sameKey && !spec.containsKey("partialFilterExpression")) {
                throw new MongoServerError(
                        85,
                        "IndexOptionsConflict",
                        "Index already exists with a different name: " + existing.get("name"));
            }
        }
        return false;
    }

    private Document listIndexes(Channel channel, String databaseName, Document command) {
        String name = String.valueOf(command.get("listIndexes"));
        DsyncCollection collection = existing(databaseName, name);
        String namespace = databaseName + ".$cmd.listIndexes";
        ServerCursor cursor = ServerCursor.ofList(namespace, collection.metadata().indexes());
        return CursorReplies.first(cursors, cursor, CursorReplies.cursorBatchSize(command), false);
    }

    private Document dropIndexes(Channel channel, String databaseName, Document command) {
        String name = String.valueOf(command.values().iterator().next());
        DsyncCollection collection = existing(databaseName, name);
        DsyncDatabase database = backend.resolveDsyncDatabase(databaseName);
        int before = collection.metadata().indexes().size();
        for (String index : indexNames(collection, command.get("index"))) {
            if (IndexSpecs.ID_INDEX_NAME.equals(index)) {
                throw new MongoServerError(72, "InvalidOptions", "cannot drop _id index");
            }
            database.removeIndex(collection, index);
        }
        return new Document("nIndexesWas", before).append("ok", 1.0);
    }

    private static List<String> indexNames(DsyncCollection collection, Object index) {
        List<String> names = new ArrayList<>();
        if ("*".equals(index)) {
            collection.metadata().indexes().stream()
                    .map(i -> (String) i.get("name"))
                    .filter(n -> !IndexSpecs.ID_INDEX_NAME.equals(n))
                    .forEach(names::add);
        } else if (index instanceof String indexName) {
            names.add(requireIndex(collection, collection.metadata().index(indexName), indexName));
        } else if (index instanceof List<?> list) {
            for (Object each : list) {
                names.add(
                        requireIndex(collection, collection.metadata().index((String) each), each));
            }
        } else if (index instanceof Document keyPattern) {
            Optional<Document> found =
                    collection.metadata().indexes().stream()
                            .filter(i -> HintResolver.sameKey((Document) i.get("key"), keyPattern))
                            .findFirst();
            names.add(requireIndex(collection, found, keyPattern));
        } else {
            throw new MongoServerError(
                    14, "TypeMismatch", "BSON field 'dropIndexes.index' is the wrong type");
        }
        return names;
    }

    private static String requireIndex(
            DsyncCollection collection, Optional<Document> index, Object wanted) {
        return (String)
                index.orElseThrow(
                                () ->
                                        new MongoServerError(
                                                27,
                                                "IndexNotFound",
                                                "index not found with name [" + wanted + "]"))
                        .get("name");
    }

    private DsyncCollection existing(String databaseName, String name) {
        DsyncDatabase database = backend.existingDatabase(databaseName);
        DsyncCollection collection = database == null ? null : database.collection(name);
        if (collection == null) {
            throw new MongoServerError(
                    26, "NamespaceNotFound", "ns does not exist: " + databaseName + "." + name);
        }
        return collection;
    }
}
