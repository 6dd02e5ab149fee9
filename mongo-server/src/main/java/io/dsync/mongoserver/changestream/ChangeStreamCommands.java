package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.DocumentLookup;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers the commands of change streams: {@code aggregate} whose first stage is {@code
 * $changeStream}, and {@code getMore}/{@code killCursors} of change-stream cursors (only those;
 * every other command and cursor is the backend's). Replies are shaped as MongoDB's ({@code cursor:
 * {id, ns, firstBatch|nextBatch, postBatchResumeToken}, ok: 1}; "$changeStream (aggregation)",
 * "getMore", "killCursors" in the MongoDB manual).
 */
final class ChangeStreamCommands implements CommandInterceptor {

    /** MongoDB's default first batch size of an aggregate. */
    static final int DEFAULT_FIRST_BATCH_SIZE = 101;

    /** MongoDB's default wait of an awaitData getMore without {@code maxTimeMS}. */
    static final long DEFAULT_AWAIT_MILLIS = 1000;

    private final Oplog oplog;
    private final DocumentLookup lookup;
    private final ChangeStreamCursors cursors;
    private final boolean splitStageKnown;

    ChangeStreamCommands(Oplog oplog, DocumentLookup lookup, boolean splitStageKnown) {
        this.oplog = oplog;
        this.lookup = lookup;
        this.splitStageKnown = splitStageKnown;
        this.cursors = new ChangeStreamCursors(oplog);
    }

    @Override
    public boolean handles(String database, String command, Document query) {
        if ("aggregate".equalsIgnoreCase(command)) {
            return isChangeStreamPipeline(query.get("pipeline"));
        }
        if ("getMore".equalsIgnoreCase(command)) {
            return query.get(command) instanceof Number id && cursors.contains(id.longValue());
        }
        if ("killCursors".equalsIgnoreCase(command)) {
            return query.get("cursors") instanceof List<?> ids
                    && ids.stream()
                            .anyMatch(
                                    id ->
                                            id instanceof Number n
                                                    && cursors.contains(n.longValue()));
        }
        return false;
    }

    private static boolean isChangeStreamPipeline(Object pipeline) {
        return pipeline instanceof List<?> stages
                && !stages.isEmpty()
                && stages.get(0) instanceof Document first
                && first.containsKey("$changeStream");
    }

    @Override
    public Document handle(Channel channel, String database, String command, Document query) {
        if ("aggregate".equalsIgnoreCase(command)) {
            return aggregate(channel, database, command, query);
        }
        if ("getMore".equalsIgnoreCase(command)) {
            return getMore(database, command, query);
        }
        if ("killCursors".equalsIgnoreCase(command)) {
            return killCursors(query);
        }
        throw new IllegalArgumentException("not a change stream command: " + command);
    }

    private Document aggregate(Channel channel, String database, String command, Document query) {
        List<?> pipeline = (List<?>) query.get("pipeline");
        Document first = (Document) pipeline.get(0);
        if (first.size() != 1) {
            throw new MongoServerError(
                    40323, "A pipeline stage specification object must contain exactly one field.");
        }
        ChangeStreamOptions options =
                ChangeStreamOptions.parse(database, query.get(command), first.get("$changeStream"));
        EventPipeline stages = EventPipeline.parse(pipeline, splitStageKnown);
        int batchSize = DEFAULT_FIRST_BATCH_SIZE;
        Object cursorSpec = query.get("cursor");
        if (!(cursorSpec instanceof Document cursorOptions)) {
            throw new MongoServerError(
                    9,
                    "FailedToParse",
                    "The 'cursor' option is required, except for aggregate with the explain"
                            + " argument");
        }
        if (cursorOptions.get("batchSize") instanceof Number size) {
            batchSize = nonNegative(size, "cursor.batchSize");
        }
        ChangeEventFactory events = new ChangeEventFactory(lookup, options);
        // Opening validates the start point; a cursor is registered only when that succeeds.
        ChangeStreamCursor cursor =
                cursors.open(
                        id -> ChangeStreamCursor.open(id, options, stages, oplog, events), channel);
        // The first batch never waits: an aggregate answers with what is there now.
        return reply(cursor, nextBatch(cursor, batchSize, 0), "firstBatch");
    }

    private Document getMore(String database, String command, Document query) {
        long id = ((Number) query.get(command)).longValue();
        ChangeStreamCursor cursor = cursors.get(id);
        if (cursor == null) {
            throw new MongoServerError(43, "CursorNotFound", "cursor id " + id + " not found");
        }
        String namespace = cursor.options().scope().cursorNamespace();
        String requested = database + "." + query.get("collection");
        if (!namespace.equals(requested)) {
            throw ChangeStreamErrors.unauthorized(
                    "Requested getMore on namespace '"
                            + requested
                            + "', but cursor belongs to a different namespace "
                            + namespace);
        }
        int batchSize = Integer.MAX_VALUE;
        if (query.get("batchSize") instanceof Number size && size.longValue() > 0) {
            batchSize = nonNegative(size, "batchSize");
        }
        long awaitMillis = DEFAULT_AWAIT_MILLIS;
        // An awaitData cursor's getMore carries the driver's maxAwaitTimeMS as maxTimeMS.
        for (String field : new String[] {"maxTimeMS", "maxAwaitTimeMS"}) {
            if (query.get(field) instanceof Number wait) {
                awaitMillis = Math.max(0, wait.longValue());
            }
        }
        return reply(cursor, nextBatch(cursor, batchSize, awaitMillis), "nextBatch");
    }

    /** A cursor whose batch fails is closed, as MongoDB kills a cursor on error. */
    private ChangeStreamCursor.Batch nextBatch(
            ChangeStreamCursor cursor, int batchSize, long awaitMillis) {
        try {
            return cursor.nextBatch(batchSize, awaitMillis);
        } catch (RuntimeException e) {
            cursors.remove(cursor.id());
            throw e;
        }
    }

    private Document reply(ChangeStreamCursor cursor, ChangeStreamCursor.Batch batch, String key) {
        long id = cursor.id();
        if (batch.exhausted()) {
            cursors.remove(id);
            id = 0;
        }
        Document reply =
                new Document("id", id)
                        .append("ns", cursor.options().scope().cursorNamespace())
                        .append(key, batch.events())
                        .append("postBatchResumeToken", batch.postBatchResumeToken());
        return new Document("cursor", reply).append("ok", 1.0);
    }

    private Document killCursors(Document query) {
        List<Long> killed = new ArrayList<>();
        List<Long> notFound = new ArrayList<>();
        for (Object value : (List<?>) query.get("cursors")) {
            long id = ((Number) value).longValue();
            (cursors.kill(id) ? killed : notFound).add(id);
        }
        return new Document("cursorsKilled", killed)
                .append("cursorsNotFound", notFound)
                .append("cursorsAlive", List.of())
                .append("cursorsUnknown", List.of())
                .append("ok", 1.0);
    }

    private static int nonNegative(Number value, String field) {
        if (value.longValue() < 0) {
            throw new MongoServerError(
                    51024,
                    "BSON field '" + field + "' value must be >= 0, actual value '" + value + "'");
        }
        return (int) Math.min(Integer.MAX_VALUE, value.longValue());
    }
}
