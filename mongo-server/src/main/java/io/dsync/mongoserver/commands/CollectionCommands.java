package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.backend.DsyncDatabase;
import io.dsync.mongoserver.catalog.CreateOptions;
import io.dsync.mongoserver.catalog.IndexSpecs;
import io.dsync.mongoserver.cursor.CursorStore;
import io.dsync.mongoserver.cursor.ServerCursor;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code create}, {@code drop}, {@code listCollections}, {@code collMod}, {@code collStats}, {@code
 * listDatabases} and {@code dropDatabase}, reporting collections as MongoDB 7.0 does. See the
 * MongoDB manual, "listCollections".
 */
public final class CollectionCommands {

    private final DsyncBackend backend;
    private final CursorStore cursors;

    public CollectionCommands(DsyncBackend backend, CursorStore cursors) {
        this.backend = backend;
        this.cursors = cursors;
    }

    public void register(CommandTable table) {
        table.add("create", this::create);
        table.add("drop", this::drop);
        table.add("listCollections", this::listCollections);
        table.add("collMod", this::collMod);
        table.add(
                "collStats",
                (c, db, cmd) -> CollStats.command(backend.resolveDsyncDatabase(db), cmd));
        table.add("listDatabases", this::listDatabases);
        table.add("dropDatabase", this::dropDatabase);
        table.add(
                "splitVector",
                (c, db, cmd) -> {
                    // MongoDB has splitVector; this server does not offer it (like a managed
                    // service).
                    throw new MongoServerError(
                            59, "CommandNotFound", "no such command: 'splitVector'");
                });
    }

    private Document create(Channel channel, String databaseName, Document command) {
        String name = String.valueOf(command.get("create"));
        Document options = CreateOptions.from(command);
        DsyncDatabase database = backend.resolveDsyncDatabase(databaseName);
        synchronized (database) {
            DsyncCollection existing = database.collection(name);
            Document existingView = database.views().get(name);
            if (existing != null && existing.metadata().options().equals(options)
                    || existingView != null && existingView.equals(options)) {
                return ok(); // MongoDB 7.0: an identical create succeeds
            }
            if (CreateOptions.isView(options)) {
                database.createView(name, options);
            } else {
                database.createCollection(name, options);
            }
        }
        return ok();
    }

    private Document drop(Channel channel, String databaseName, Document command) {
        String name = String.valueOf(command.get("drop"));
        DsyncDatabase database = backend.existingDatabase(databaseName);
        String namespace = databaseName + "." + name;
        if (database == null) {
            return new Document("ns", namespace).append("ok", 1.0);
        }
        if (database.dropView(name)) {
            return new Document("ns", namespace).append("ok", 1.0);
        }
        DsyncCollection collection = database.collection(name);
        if (collection == null) {
            // MongoDB 7.0 no longer fails dropping a collection that does not exist
            return new Document("ns", namespace).append("ok", 1.0);
        }
        int indexes = collection.metadata().indexes().size();
        database.dropCollection(name, NoopOplog.get());
        return new Document("nIndexesWas", indexes).append("ns", namespace).append("ok", 1.0);
    }

    private Document listCollections(Channel channel, String databaseName, Document command) {
        DsyncDatabase database = backend.existingDatabase(databaseName);
        Document filter = command.get("filter") instanceof Document f ? f : new Document();
        boolean nameOnly = Boolean.TRUE.equals(command.get("nameOnly"));
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        List<Document> entries = new ArrayList<>();
        if (database != null) {
            for (String name : database.namespaceNames()) {
                Document entry = describe(database, name);
                if (entry != null && matcher.matches(entry, filter)) {
                    entries.add(
                            nameOnly
                                    ? new Document("name", name).append("type", entry.get("type"))
                                    : entry);
                }
            }
        }
        ServerCursor cursor = ServerCursor.ofList(databaseName + ".$cmd.listCollections", entries);
        return CursorReplies.first(cursors, cursor, CursorReplies.cursorBatchSize(command), false);
    }

    private static Document describe(DsyncDatabase database, String name) {
        Document view = database.views().get(name);
        if (view != null) {
            return new Document("name", name)
                    .append("type", "view")
                    .append("options", view.cloneDeeply())
                    .append("info", new Document("readOnly", true));
        }
        DsyncCollection collection = database.collection(name);
        if (collection == null) {
            return null;
        }
        Document options = collection.metadata().options();
        boolean timeseries = CreateOptions.isTimeseries(options);
        Document entry =
                new Document("name", name)
                        .append("type", timeseries ? "timeseries" : "collection")
                        .append("options", options)
                        .append(
                                "info",
                                new Document("readOnly", false)
                                        .append("uuid", collection.getUuid()));
        if (!timeseries) {
            entry.put("idIndex", IndexSpecs.idIndex());
        }
        return entry;
    }

    private Document collMod(Channel channel, String databaseName, Document command) {
        String name = String.valueOf(command.get("collMod"));
        DsyncDatabase database = backend.existingDatabase(databaseName);
        if (database != null && database.views().containsKey(name)) {
            Document view = database.views().get(name);
            for (String field : List.of("viewOn", "pipeline")) {
                if (command.containsKey(field)) {
                    view.put(field, command.get(field));
                }
            }
            return ok();
        }
        DsyncCollection collection = database == null ? null : database.collection(name);
        if (collection == null) {
            throw new MongoServerError(
                    26, "NamespaceNotFound", "ns does not exist: " + databaseName + "." + name);
        }
        Document reply = new Document();
        for (String field :
                List.of(
                        "validator",
                        "validationLevel",
                        "validationAction",
                        "expireAfterSeconds",
                        "changeStreamPreAndPostImages",
                        "timeseries")) {
            if (command.containsKey(field)) {
                collection.metadata().setOption(field, command.get(field));
            }
        }
        if (command.get("index") instanceof Document change) {
            IndexModification.apply(
                    database,
                    collection,
                    change,
                    Boolean.TRUE.equals(command.get("dryRun")),
                    reply);
        }
        reply.put("ok", 1.0);
        return reply;
    }

    private Document listDatabases(Channel channel, String databaseName, Document command) {
        boolean nameOnly = Boolean.TRUE.equals(command.get("nameOnly"));
        Document filter = command.get("filter") instanceof Document f ? f : new Document();
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        List<Document> databases = new ArrayList<>();
        long total = 0;
        for (String name : backend.databaseNames()) {
            DsyncDatabase database = backend.existingDatabase(name);
            if (database == null || database.isEmpty()) {
                continue;
            }
            long size =
                    database.collections().values().stream()
                            .mapToLong(DsyncCollection::dataSize)
                            .sum();
            Document entry =
                    nameOnly
                            ? new Document("name", name)
                            : new Document("name", name)
                                    .append("sizeOnDisk", size)
                                    .append("empty", size == 0);
            if (matcher.matches(entry, filter)) {
                databases.add(entry);
                total += size;
            }
        }
        Document reply = new Document("databases", databases);
        if (!nameOnly) {
            reply.append("totalSize", total).append("totalSizeMb", total / (1024 * 1024));
        }
        return reply.append("ok", 1.0);
    }

    private Document dropDatabase(Channel channel, String databaseName, Document command) {
        backend.dropDatabase(databaseName);
        return ok();
    }

    private static Document ok() {
        return new Document("ok", 1.0);
    }
}
