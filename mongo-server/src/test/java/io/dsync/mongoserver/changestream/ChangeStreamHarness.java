package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.LogicalClock;
import io.dsync.mongoserver.WriteListener;
import io.dsync.mongoserver.WriteListener.UpdateKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives {@link ChangeStreams} the way the server does, without a server: writes go to a map of
 * collections (the lookup) and to the write listener; commands go to the interceptor.
 */
final class ChangeStreamHarness {

    final LogicalClock clock = new LogicalClock();
    final Map<String, Map<Object, Document>> collections = new LinkedHashMap<>();
    final ChangeStreams changeStreams;
    final WriteListener listener;
    final CommandInterceptor commands;

    ChangeStreamHarness() {
        this(ChangeStreams.DEFAULT_RETAINED_ENTRIES);
    }

    ChangeStreamHarness(int retainedEntries) {
        changeStreams =
                new ChangeStreams(
                        clock,
                        retainedEntries,
                        (db, coll, id) -> {
                            Map<Object, Document> documents = collections.get(db + "." + coll);
                            return documents == null ? null : documents.get(id);
                        });
        listener = changeStreams.writeListener();
        commands = changeStreams.commands();
    }

    synchronized void insert(String db, String coll, Document document) {
        collections
                .computeIfAbsent(db + "." + coll, k -> new LinkedHashMap<>())
                .put(document.get("_id"), document);
        listener.onInsert(db, coll, document.cloneDeeply());
    }

    synchronized void update(String db, String coll, Document after, UpdateKind kind) {
        Document before = collections.get(db + "." + coll).put(after.get("_id"), after);
        listener.onUpdate(db, coll, before, after.cloneDeeply(), kind);
    }

    synchronized void delete(String db, String coll, Object id) {
        Document removed = collections.get(db + "." + coll).remove(id);
        listener.onDelete(db, coll, removed);
    }

    synchronized void drop(String db, String coll) {
        collections.remove(db + "." + coll);
        listener.onDropCollection(db, coll);
    }

    /** Runs {@code aggregate} with {@code $changeStream: spec} then {@code stages}. */
    Document aggregate(String db, Object target, Document spec, Document... stages) {
        return aggregateWithCursor(db, target, spec, new Document(), stages);
    }

    Document aggregateWithCursor(
            String db, Object target, Document spec, Document cursor, Document... stages) {
        List<Object> pipeline = new ArrayList<>();
        pipeline.add(new Document("$changeStream", spec));
        pipeline.addAll(Arrays.asList(stages));
        Document command =
                new Document("aggregate", target)
                        .append("pipeline", pipeline)
                        .append("cursor", cursor)
                        .append("$db", db);
        return run(db, command);
    }

    Document getMore(Document aggregateReply, Integer batchSize, Long maxTimeMS) {
        Document cursor = cursor(aggregateReply);
        String ns = (String) cursor.get("ns");
        String db = ns.substring(0, ns.indexOf('.'));
        Document command =
                new Document("getMore", cursor.get("id"))
                        .append("collection", ns.substring(ns.indexOf('.') + 1));
        if (batchSize != null) {
            command.append("batchSize", batchSize);
        }
        if (maxTimeMS != null) {
            command.append("maxTimeMS", maxTimeMS);
        }
        return run(db, command);
    }

    /** A getMore that does not wait. */
    Document getMore(Document reply) {
        return getMore(reply, null, 0L);
    }

    Document run(String db, Document command) {
        String name = command.keySet().iterator().next();
        if (!commands.handles(db, name, command)) {
            throw new AssertionError("interceptor does not handle " + command);
        }
        return commands.handle(null, db, name, command);
    }

    static Document cursor(Document reply) {
        return (Document) reply.get("cursor");
    }

    @SuppressWarnings("unchecked")
    static List<Document> batch(Document reply) {
        Document cursor = cursor(reply);
        Object batch =
                cursor.containsKey("firstBatch")
                        ? cursor.get("firstBatch")
                        : cursor.get("nextBatch");
        return (List<Document>) batch;
    }

    static Document token(Document reply) {
        return (Document) cursor(reply).get("postBatchResumeToken");
    }

    static long cursorId(Document reply) {
        return ((Number) cursor(reply).get("id")).longValue();
    }

    static List<String> operationTypes(Document reply) {
        return batch(reply).stream().map(e -> (String) e.get("operationType")).toList();
    }

    static Document doc(Object... keyValues) {
        Document document = new Document();
        for (int i = 0; i < keyValues.length; i += 2) {
            document.append((String) keyValues[i], keyValues[i + 1]);
        }
        return document;
    }
}
