package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.backend.DsyncDatabase;
import io.dsync.mongoserver.cursor.BatchLimits;
import io.dsync.mongoserver.cursor.CursorStore;
import io.dsync.mongoserver.cursor.ServerCursor;
import io.dsync.mongoserver.query.FindRequest;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * {@code find}, {@code aggregate}, {@code getMore} and {@code killCursors} with MongoDB's cursor
 * batching. See the MongoDB manual, "find", "aggregate" and "getMore".
 */
public final class QueryCommands {

    private final DsyncBackend backend;
    private final CursorStore cursors;
    private final LongPredicate otherCursorKiller;

    /**
     * @param otherCursorKiller closes a cursor of mongo-java-server's own registry, returning
     *     whether it existed
     */
    public QueryCommands(
            DsyncBackend backend, CursorStore cursors, LongPredicate otherCursorKiller) {
        this.backend = backend;
        this.cursors = cursors;
        this.otherCursorKiller = otherCursorKiller;
    }

    public void register(CommandTable table) {
        table.add("find", this::find);
        table.add("aggregate", this::aggregate);
        table.add("getMore", this::getMore);
        table.add("killCursors", this::killCursors);
    }

    private Document find(Channel channel, String databaseName, Document command) {
        FindRequest request = FindRequest.parse(command);
        DsyncDatabase database = backend.existingDatabase(databaseName);
        String namespace = databaseName + "." + request.collection();
        if (database != null && database.views().containsKey(request.collection())) {
            return aggregate(channel, databaseName, ViewPipelines.findAsAggregate(command));
        }
        DsyncCollection collection =
                database == null ? null : database.collection(request.collection());
        ServerCursor cursor =
                collection == null
                        ? ServerCursor.ofList(namespace, List.of())
                        : FindCommand.cursor(collection, request);
        return CursorReplies.first(cursors, cursor, request.batchSize(), request.singleBatch());
    }

    private Document aggregate(Channel channel, String databaseName, Document command) {
        Object target = command.get("aggregate");
        Integer batchSize = CursorReplies.cursorBatchSize(command);
        if (!(target instanceof String collectionName) || ViewPipelines.isChangeStream(command)) {
            return backend.handleWithMongoJavaServer(channel, databaseName, "aggregate", command);
        }
        DsyncDatabase database = backend.resolveDsyncDatabase(databaseName);
        Document resolved = ViewPipelines.resolve(database, command);
        String source = (String) resolved.get("aggregate");
        String namespace = databaseName + "." + collectionName;
        List<Document> pipeline = Aggregation.parse(resolved.get("pipeline"));
        List<Document> results;
        if (!pipeline.isEmpty() && pipeline.get(0).containsKey("$collStats")) {
            results = CollStats.stage(backend, database, source, pipeline);
        } else if (pipeline.stream().anyMatch(stage -> stage.containsKey("$sample"))) {
            results = SampledPipeline.run(channel, backend, database, source, resolved, pipeline);
        } else {
            Document reply =
                    database.handleCommand(
                            channel,
                            "aggregate",
                            resolved,
                            backend::resolveDatabase,
                            NoopOplog.get());
            results = copyOf(database.collection(source), firstBatch(reply));
        }
        return CursorReplies.first(
                cursors, ServerCursor.ofList(namespace, results), batchSize, false);
    }

    @SuppressWarnings("unchecked")
    private static List<Document> firstBatch(Document reply) {
        return (List<Document>) ((Document) reply.get("cursor")).get("firstBatch");
    }

    /** Aggregation results may be stored documents themselves: copy them under the lock. */
    private static List<Document> copyOf(DsyncCollection collection, List<Document> documents) {
        Object lock = collection != null ? collection.lock() : new Object();
        List<Document> copy = new ArrayList<>(documents.size());
        synchronized (lock) {
            documents.forEach(d -> copy.add(d.clone()));
        }
        return copy;
    }

    private Document getMore(Channel channel, String databaseName, Document command) {
        long id = ((Number) command.get("getMore")).longValue();
        if (!cursors.contains(id)) {
            return backend.handleWithMongoJavaServer(channel, databaseName, "getMore", command);
        }
        ServerCursor cursor = cursors.get(id);
        Integer batchSize = command.get("batchSize") instanceof Number n ? n.intValue() : null;
        List<Object> batch = cursor.nextBatch(BatchLimits.nextBatchSize(batchSize));
        if (cursor.exhausted()) {
            cursors.remove(id);
            id = 0;
        }
        return CursorReplies.reply("nextBatch", cursor.namespace(), batch, id);
    }

    private Document killCursors(Channel channel, String databaseName, Document command) {
        List<Long> killed = new ArrayList<>();
        List<Long> notFound = new ArrayList<>();
        for (Object value : (List<?>) command.get("cursors")) {
            long id = ((Number) value).longValue();
            if (cursors.remove(id) || otherCursorKiller.test(id)) {
                killed.add(id);
            } else {
                notFound.add(id);
            }
        }
        return new Document("cursorsKilled", killed)
                .append("cursorsNotFound", notFound)
                .append("cursorsAlive", List.of())
                .append("cursorsUnknown", List.of())
                .append("ok", 1.0);
    }
}
