package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.LogicalClock;
import io.dsync.mongoserver.WriteListener;
import io.dsync.mongoserver.WriteListener.UpdateKind;
import io.netty.channel.Channel;

/**
 * TEMPORARY, test only: a mongo-java-server memory backend that routes commands to {@link
 * ChangeStreams} and reports its writes to it, so that the change-stream ITCases can run over TCP
 * before {@code io.dsync.mongoserver.EmbeddedMongoServer} (branch server-core) is merged. To be
 * deleted when the ITCases switch to EmbeddedMongoServer.
 */
final class TemporaryChangeStreamServer implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;

    TemporaryChangeStreamServer(int retainedEntries) {
        ListeningBackend backend = new ListeningBackend(retainedEntries);
        server = new MongoServer(backend);
        connectionString = server.bindAndGetConnectionString();
    }

    String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private static boolean isSystem(String collection) {
        return collection.startsWith("system.");
    }

    private static final class ListeningBackend extends MemoryBackend {
        private final ChangeStreams changeStreams;
        private final CommandInterceptor commands;
        private final WriteListener listener;

        ListeningBackend(int retainedEntries) {
            changeStreams = new ChangeStreams(new LogicalClock(), retainedEntries, this::findById);
            commands = changeStreams.commands();
            listener = changeStreams.writeListener();
        }

        private Document findById(String db, String coll, Object id) {
            if (!listDatabaseNames().contains(db)) {
                return null;
            }
            MongoCollection<?> collection = resolveDatabase(db).resolveCollection(coll, false);
            if (collection == null) {
                return null;
            }
            return collection
                    .queryAllAsStream()
                    .filter(d -> d.get("_id").equals(id))
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public Document handleCommand(
                Channel channel, String database, String command, Document query) {
            if (commands.handles(database, command, query)) {
                return commands.handle(channel, database, command, query);
            }
            return super.handleCommand(channel, database, command, query);
        }

        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new ListeningDatabase(databaseName, getCursorRegistry(), listener);
        }

        @Override
        public void dropDatabase(String databaseName) {
            boolean existed = listDatabaseNames().contains(databaseName);
            super.dropDatabase(databaseName);
            if (existed) {
                listener.onDropDatabase(databaseName);
            }
        }
    }

    private static final class ListeningDatabase extends MemoryDatabase {
        private final WriteListener listener;

        ListeningDatabase(String name, CursorRegistry cursors, WriteListener listener) {
            super(name, cursors);
            this.listener = listener;
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
            if (listener == null) { // system collections created by the super constructor
                return super.openOrCreateCollection(name, options);
            }
            return new ListeningCollection(this, name, options, cursorRegistry, listener);
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            if (!isSystem(collectionName)) {
                listener.onDropCollection(getDatabaseName(), collectionName);
            }
        }

        @Override
        public void moveCollection(
                MongoDatabase oldDatabase, MongoCollection<?> collection, String newName) {
            String oldName = collection.getCollectionName();
            super.moveCollection(oldDatabase, collection, newName);
            listener.onRenameCollection(
                    oldDatabase.getDatabaseName(), oldName, getDatabaseName(), newName);
        }
    }

    private static final class ListeningCollection extends MemoryCollection {
        private static final ThreadLocal<UpdateKind> KIND = new ThreadLocal<>();
        private final WriteListener listener;

        ListeningCollection(
                MongoDatabase database,
                String name,
                CollectionOptions options,
                CursorRegistry cursors,
                WriteListener listener) {
            super(database, name, options, cursors);
            this.listener = listener;
        }

        private boolean reported() {
            return !isSystem(getCollectionName());
        }

        @Override
        public void addDocument(Document document) {
            super.addDocument(document);
            if (reported()) {
                listener.onInsert(getDatabaseName(), getCollectionName(), document.cloneDeeply());
            }
        }

        @Override
        public void removeDocument(Document document) {
            super.removeDocument(document);
            if (reported()) {
                listener.onDelete(getDatabaseName(), getCollectionName(), document);
            }
        }

        @Override
        public Document updateDocuments(
                Document selector,
                Document update,
                ArrayFilters arrayFilters,
                boolean multi,
                boolean upsert,
                Oplog oplog) {
            KIND.set(kindOf(update));
            try {
                return super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
            } finally {
                KIND.remove();
            }
        }

        @Override
        public Document findAndModify(Document query) {
            KIND.set(kindOf(query.get("update")));
            try {
                return super.findAndModify(query);
            } finally {
                KIND.remove();
            }
        }

        @Override
        protected void handleUpdate(Integer position, Document before, Document after) {
            super.handleUpdate(position, before, after);
            if (reported()) {
                UpdateKind kind = KIND.get() == null ? UpdateKind.UPDATE : KIND.get();
                listener.onUpdate(
                        getDatabaseName(), getCollectionName(), before, after.cloneDeeply(), kind);
            }
        }

        private static UpdateKind kindOf(Object update) {
            if (update instanceof Document document
                    && !document.isEmpty()
                    && document.keySet().stream().noneMatch(k -> k.startsWith("$"))) {
                return UpdateKind.REPLACE;
            }
            return UpdateKind.UPDATE; // operators, or a pipeline (a List)
        }
    }
}
