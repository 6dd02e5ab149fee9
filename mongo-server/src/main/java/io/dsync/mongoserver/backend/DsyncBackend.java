package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.CommandObserver;
import io.dsync.mongoserver.DocumentLookup;
import io.dsync.mongoserver.auth.Authentication;
import io.dsync.mongoserver.commands.CollectionCommands;
import io.dsync.mongoserver.commands.CommandTable;
import io.dsync.mongoserver.commands.IndexCommands;
import io.dsync.mongoserver.commands.QueryCommands;
import io.dsync.mongoserver.commands.ReadConcernRules;
import io.dsync.mongoserver.commands.RenameCollectionCommand;
import io.dsync.mongoserver.commands.TopologyCommands;
import io.dsync.mongoserver.cursor.CursorStore;
import io.dsync.mongoserver.session.RetryableWrites;
import io.dsync.mongoserver.topology.ReplicaSetMember;
import io.dsync.mongoserver.topology.SecondaryRules;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded server's backend: mongo-java-server's in-memory backend, with commands routed first
 * to the registered {@link CommandInterceptor}s, then to this server's own implementations
 * (replica-set topology, queries with MongoDB's cursors, catalog), then to mongo-java-server. Every
 * stored change is reported to the {@link WriteNotifier}. mongo-java-server's own oplog is never
 * enabled.
 */
public class DsyncBackend extends MemoryBackend {

    private static final Set<String> HELLO = Set.of("hello", "ismaster");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify");

    private final WriteNotifier notifier;
    private final ReplicaSetMember member;
    private final List<CommandInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final List<CommandObserver> observers = new CopyOnWriteArrayList<>();
    private final CommandTable commands = new CommandTable();
    private final CursorStore cursors;
    private final RetryableWrites retryableWrites = new RetryableWrites();
    private volatile Authentication authentication;

    public DsyncBackend(ReplicaSetMember member, WriteNotifier notifier, Duration cursorTimeout) {
        this.notifier = notifier;
        this.member = member;
        this.cursors = new CursorStore(cursorTimeout);
        new TopologyCommands(member, super::getServerStatus).register(commands);
        new QueryCommands(this, cursors, id -> getCursorRegistry().remove(id)).register(commands);
        new CollectionCommands(this, cursors).register(commands);
        new IndexCommands(this, cursors, notifier).register(commands);
        new RenameCollectionCommand(this, notifier).register(commands);
        commands.add("endSessions", (channel, db, command) -> new Document("ok", 1.0));
        commands.add("refreshSessions", (channel, db, command) -> new Document("ok", 1.0));
    }

    /** From now on, connections must authenticate before running most commands. */
    public void requireAuthentication(Authentication authentication) {
        this.authentication = authentication;
    }

    public void addCommandInterceptor(CommandInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    public void addCommandObserver(CommandObserver observer) {
        observers.add(observer);
    }

    /** Finds stored documents by {@code _id} without creating databases or collections. */
    public DocumentLookup documentLookup() {
        return (databaseName, collectionName, id) -> {
            DsyncDatabase database = existingDatabase(databaseName);
            DsyncCollection collection =
                    database == null ? null : database.collection(collectionName);
            return collection == null ? null : collection.findById(id);
        };
    }

    @Override
    public DsyncDatabase openOrCreateDatabase(String databaseName) {
        return new DsyncDatabase(databaseName, getCursorRegistry(), notifier);
    }

    /** The database, created if needed (as a write would create it). */
    public DsyncDatabase resolveDsyncDatabase(String databaseName) {
        return (DsyncDatabase) resolveDatabase(databaseName);
    }

    /** The database if it was ever created, else null (never creates one). */
    public DsyncDatabase existingDatabase(String databaseName) {
        return listDatabaseNames().contains(databaseName)
                ? (DsyncDatabase) resolveDatabase(databaseName)
                : null;
    }

    public List<String> databaseNames() {
        List<String> names = new ArrayList<>(listDatabaseNames());
        names.sort(null);
        return names;
    }

    @Override
    public Document handleCommand(
            Channel channel, String databaseName, String command, Document query) {
        for (CommandObserver observer : observers) {
            observer.received(databaseName, command, query);
        }
        ReadConcernRules.check(command, query);
        if (member.secondary()) {
            SecondaryRules.check(command, query);
        }
        Authentication access = authentication;
        if (access != null) {
            Document reply = access.handle(channel, databaseName, command, query);
            if (reply != null) {
                return reply;
            }
            if (HELLO.contains(command.toLowerCase())) {
                Document hello = routeCommand(channel, databaseName, command, query);
                access.addToHello(channel, query, hello);
                return hello;
            }
        }
        return routeCommand(channel, databaseName, command, query);
    }

    private Document routeCommand(
            Channel channel, String databaseName, String command, Document query) {
        for (CommandInterceptor interceptor : interceptors) {
            if (interceptor.handles(databaseName, command, query)) {
                return interceptor.handle(channel, databaseName, command, query);
            }
        }
        return retryableWrites.run(
                command,
                query,
                () -> handleCommandWithoutInterceptors(channel, databaseName, command, query));
    }

    /** Runs a command with this server's or mongo-java-server's implementation. */
    public Document handleCommandWithoutInterceptors(
            Channel channel, String databaseName, String command, Document query) {
        CommandTable.Command own = commands.get(command);
        if (own != null) {
            return own.run(channel, databaseName, query);
        }
        if (WRITES.contains(command.toLowerCase())) {
            rejectWritesToViews(databaseName, String.valueOf(query.get(command)));
        }
        return super.handleCommand(channel, databaseName, command, query);
    }

    /** Runs a command with mongo-java-server's implementation only. */
    public Document handleWithMongoJavaServer(
            Channel channel, String databaseName, String command, Document query) {
        return super.handleCommand(channel, databaseName, command, query);
    }

    private void rejectWritesToViews(String databaseName, String collection) {
        DsyncDatabase database = existingDatabase(databaseName);
        if (database != null && database.views().containsKey(collection)) {
            throw new MongoServerError(
                    166,
                    "CommandNotSupportedOnView",
                    "Namespace "
                            + databaseName
                            + "."
                            + collection
                            + " is a view, not a collection");
        }
    }

    @Override
    public void dropDatabase(String databaseName) {
        DsyncDatabase database = existingDatabase(databaseName);
        boolean existed = database != null && !database.isEmpty();
        super.dropDatabase(databaseName);
        if (existed) {
            notifier.onDropDatabase(databaseName);
        }
    }

    @Override
    public MongoDatabase resolveDatabase(String databaseName) {
        return super.resolveDatabase(databaseName);
    }
}
