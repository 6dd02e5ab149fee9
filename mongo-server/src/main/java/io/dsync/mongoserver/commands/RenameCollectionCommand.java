package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.backend.DsyncDatabase;
import io.dsync.mongoserver.backend.WriteNotifier;
import io.dsync.mongoserver.catalog.IndexSpecs;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code renameCollection} (an admin command), within a database or across databases (then, as in
 * MongoDB, by copying documents and indexes into the target and dropping the source). Reported to
 * the write listener as one rename (preceded by a drop of the target with {@code dropTarget}). See
 * the MongoDB manual, "renameCollection".
 */
public final class RenameCollectionCommand {

    private final DsyncBackend backend;
    private final WriteNotifier notifier;

    public RenameCollectionCommand(DsyncBackend backend, WriteNotifier notifier) {
        this.backend = backend;
        this.notifier = notifier;
    }

    public void register(CommandTable table) {
        table.add("renameCollection", this::rename);
    }

    private Document rename(Channel channel, String databaseName, Document command) {
        if (!"admin".equals(databaseName)) {
            throw new MongoServerError(
                    13,
                    "Unauthorized",
                    "renameCollection may only be run against the admin database.");
        }
        String from = String.valueOf(command.get("renameCollection"));
        String to = String.valueOf(command.get("to"));
        boolean dropTarget = Boolean.TRUE.equals(command.get("dropTarget"));
        if (from.equals(to)) {
            throw new MongoServerError(
                    20, "IllegalOperation", "Can't rename a collection to itself");
        }
        String fromDb = from.substring(0, from.indexOf('.'));
        String fromName = from.substring(from.indexOf('.') + 1);
        String toDb = to.substring(0, to.indexOf('.'));
        String toName = to.substring(to.indexOf('.') + 1);

        DsyncDatabase source = backend.existingDatabase(fromDb);
        DsyncCollection collection = source == null ? null : source.collection(fromName);
        if (collection == null) {
            throw new MongoServerError(
                    26, "NamespaceNotFound", "Source collection " + from + " does not exist");
        }
        DsyncDatabase target = backend.resolveDsyncDatabase(toDb);
        synchronized (backend) {
            if (target.collection(toName) != null || target.views().containsKey(toName)) {
                if (!dropTarget) {
                    throw new MongoServerError(48, "NamespaceExists", "target namespace exists");
                }
                if (!target.dropView(toName)) {
                    target.dropCollection(toName, NoopOplog.get());
                }
            }
            if (source == target) {
                target.moveCollection(source, collection, toName);
            } else {
                notifier.muted(() -> copy(collection, source, target, toName));
            }
            notifier.onRenameCollection(fromDb, fromName, toDb, toName);
        }
        return new Document("ok", 1.0);
    }

    private static void copy(
            DsyncCollection collection, DsyncDatabase source, DsyncDatabase target, String name) {
        DsyncCollection copy = target.createCollection(name, collection.metadata().options());
        synchronized (collection.lock()) {
            for (Document index : collection.metadata().indexes()) {
                if (!IndexSpecs.ID_INDEX_NAME.equals(index.get("name"))) {
                    target.createIndex(copy, index);
                }
            }
            List<Document> documents = new ArrayList<>(collection.snapshot());
            copy.insertDocuments(documents, true);
        }
        source.dropCollection(collection.getCollectionName(), NoopOplog.get());
    }
}
