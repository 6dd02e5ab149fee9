package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.WriteListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the storage layer's changes into oplog entries, as a MongoDB primary writes its oplog
 * ("Change Events", MongoDB manual: https://www.mongodb.com/docs/v7.0/reference/change-events/).
 *
 * <p>It also keeps the collections it has seen, with a UUID each, so that it can report what
 * MongoDB reports without the backend having to: a {@code create} before the first write to a
 * collection created implicitly, and a {@code drop} for every collection of a dropped database
 * before the {@code dropDatabase} (collections the backend already reported dropped are not
 * repeated). Inserted and replacing documents arrive as copies ({@link WriteListener}) and are kept
 * as they are.
 */
final class OplogWriteListener implements WriteListener {

    private static final Document ID_INDEX =
            new Document("v", 2).append("key", new Document("_id", 1)).append("name", "_id_");

    private final Oplog oplog;
    private final ShardKeys shardKeys;

    /** "db.coll" → UUID of the collections that exist. Guarded by this. */
    private final Map<String, UUID> collections = new HashMap<>();

    OplogWriteListener(Oplog oplog, ShardKeys shardKeys) {
        this.oplog = oplog;
        this.shardKeys = shardKeys;
    }

    @Override
    public synchronized void onInsert(String database, String collection, Document document) {
        UUID uuid = ensureCreated(database, collection);
        append(
                OperationType.INSERT,
                database,
                collection,
                uuid,
                document.get("_id"),
                document,
                null,
                document);
    }

    @Override
    public synchronized void onUpdate(
            String database, String collection, Document before, Document after, UpdateKind kind) {
        if (before.equals(after)) {
            return; // MongoDB writes no oplog entry for an update that changes nothing
        }
        UUID uuid = ensureCreated(database, collection);
        Object id = after.get("_id");
        if (shardKeys.moves(database, collection, before, after)) {
            // a move between shards: a delete on the old shard, an insert on the new one
            Runnable delete =
                    () ->
                            append(
                                    OperationType.DELETE,
                                    database,
                                    collection,
                                    uuid,
                                    id,
                                    null,
                                    null,
                                    before);
            Runnable insert =
                    () ->
                            append(
                                    OperationType.INSERT,
                                    database,
                                    collection,
                                    uuid,
                                    id,
                                    after,
                                    null,
                                    after);
            boolean deleteFirst = shardKeys.moveOrder() == ShardKeys.MoveOrder.DELETE_FIRST;
            (deleteFirst ? delete : insert).run();
            (deleteFirst ? insert : delete).run();
            return;
        }
        if (kind == UpdateKind.REPLACE) {
            append(OperationType.REPLACE, database, collection, uuid, id, after, null, after);
        } else {
            append(
                    OperationType.UPDATE,
                    database,
                    collection,
                    uuid,
                    id,
                    null,
                    UpdateDescriptionDiff.between(before, after),
                    after);
        }
    }

    @Override
    public synchronized void onDelete(String database, String collection, Document removed) {
        UUID uuid = ensureCreated(database, collection);
        append(
                OperationType.DELETE,
                database,
                collection,
                uuid,
                removed.get("_id"),
                null,
                null,
                removed);
    }

    @Override
    public synchronized void onCreateCollection(
            String database, String collection, Document options) {
        if (collections.containsKey(key(database, collection))) {
            return; // already reported when the collection was first written to
        }
        Document description = options == null ? new Document() : options.cloneDeeply();
        description.remove("create");
        if (!description.containsKey("viewOn") && !description.containsKey("idIndex")) {
            description.put("idIndex", ID_INDEX.cloneDeeply());
        }
        create(database, collection, description);
    }

    @Override
    public synchronized void onCreateIndexes(
            String database, String collection, List<Document> indexes) {
        UUID uuid = ensureCreated(database, collection);
        List<Object> copies = new ArrayList<>();
        indexes.forEach(index -> copies.add(index.cloneDeeply()));
        Document description = new Document("indexes", copies);
        oplog.append(
                (time, wall) ->
                        new OplogEntry(
                                time,
                                wall,
                                OperationType.CREATE_INDEXES,
                                database,
                                collection,
                                uuid,
                                null,
                                null,
                                null,
                                null,
                                null,
                                description,
                                null));
    }

    @Override
    public synchronized void onDropCollection(String database, String collection) {
        UUID uuid = collections.remove(key(database, collection));
        append(OperationType.DROP, database, collection, uuid, null, null, null, null);
    }

    @Override
    public synchronized void onRenameCollection(
            String database, String collection, String toDatabase, String toCollection) {
        UUID uuid = collections.remove(key(database, collection));
        if (uuid == null) {
            uuid = UUID.randomUUID();
        }
        collections.put(key(toDatabase, toCollection), uuid);
        UUID collectionUuid = uuid;
        Document description =
                new Document("to", new Document("db", toDatabase).append("coll", toCollection));
        oplog.append(
                (time, wall) ->
                        new OplogEntry(
                                time,
                                wall,
                                OperationType.RENAME,
                                database,
                                collection,
                                collectionUuid,
                                null,
                                null,
                                null,
                                toDatabase,
                                toCollection,
                                description,
                                null));
    }

    @Override
    public synchronized void onDropDatabase(String database) {
        String prefix = database + ".";
        List<String> remaining =
                collections.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
        for (String namespace : remaining) {
            onDropCollection(database, namespace.substring(prefix.length()));
        }
        append(OperationType.DROP_DATABASE, database, null, null, null, null, null, null);
    }

    private UUID ensureCreated(String database, String collection) {
        UUID uuid = collections.get(key(database, collection));
        if (uuid == null) {
            // An implicit creation: MongoDB logs a create before the first write.
            uuid = create(database, collection, new Document("idIndex", ID_INDEX.cloneDeeply()));
        }
        return uuid;
    }

    private UUID create(String database, String collection, Document description) {
        UUID uuid = UUID.randomUUID();
        collections.put(key(database, collection), uuid);
        oplog.append(
                (time, wall) ->
                        new OplogEntry(
                                time,
                                wall,
                                OperationType.CREATE,
                                database,
                                collection,
                                uuid,
                                null,
                                null,
                                null,
                                null,
                                null,
                                description,
                                null));
        return uuid;
    }

    private void append(
            OperationType type,
            String database,
            String collection,
            UUID uuid,
            Object documentId,
            Document document,
            Document updateDescription,
            Document keyedDocument) {
        Document documentKey =
                documentId == null && keyedDocument == null
                        ? null
                        : shardKeys.documentKey(database, collection, documentId, keyedDocument);
        oplog.append(
                (time, wall) ->
                        new OplogEntry(
                                time,
                                wall,
                                type,
                                database,
                                collection,
                                uuid,
                                documentId,
                                document,
                                updateDescription,
                                null,
                                null,
                                null,
                                documentKey));
    }

    private static String key(String database, String collection) {
        return database + "." + collection;
    }
}
