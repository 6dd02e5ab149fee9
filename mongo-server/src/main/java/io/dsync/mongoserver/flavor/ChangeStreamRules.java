package io.dsync.mongoserver.flavor;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a flavor restricts change streams, applied to the {@code aggregate} that opens one before the
 * embedded server's own change streams see it.
 *
 * <ul>
 *   <li>Cosmos DB: only on a collection; no {@code startAtOperationTime}; {@code fullDocument:
 *       "updateLookup"} required; only insert, update and replace events, without {@code
 *       updateDescription} (https://learn.microsoft.com/azure/cosmos-db/mongodb/change-streams).
 *       The errors' wording is this server's; their codes are MongoDB's generic ones.
 *   <li>DocumentDB: only where {@code modifyChangeStreams} enabled them (the collection, its
 *       database, or the cluster), else code 136 "modifyChangeStreams has not been run for this
 *       collection/database/cluster" as DocumentDB answers; no {@code startAfter}
 *       (https://docs.aws.amazon.com/documentdb/latest/developerguide/change_streams.html).
 *   <li>Both: no {@code $changeStreamSplitLargeEvent} (refused as an unrecognized stage, 40324).
 * </ul>
 */
final class ChangeStreamRules {

    static final String NOT_ENABLED =
            "modifyChangeStreams has not been run for this collection/database/cluster";

    private final ServerFlavor flavor;

    /** DocumentDB scopes with change streams on: "db.coll", "db." (database), "." (cluster). */
    private final Set<String> enabled = ConcurrentHashMap.newKeySet();

    ChangeStreamRules(ServerFlavor flavor) {
        this.flavor = flavor;
    }

    /** {@code modifyChangeStreams: 1, database, collection, enable} (DocumentDB). */
    Document modifyChangeStreams(Document command) {
        Object database = command.get("database");
        Object collection = command.get("collection");
        Object enable = command.get("enable");
        if (!(database instanceof String db)
                || !(collection instanceof String coll)
                || !(enable instanceof Boolean on)) {
            throw new MongoServerError(
                    2,
                    "BadValue",
                    "modifyChangeStreams needs database (string), collection (string) and enable"
                            + " (bool)");
        }
        String scope = db + "." + coll;
        if (on) {
            enabled.add(scope);
        } else {
            enabled.remove(scope);
        }
        return new Document("ok", 1.0);
    }

    /**
     * Checks the {@code $changeStream} aggregate and returns the query the change streams should
     * run (for Cosmos DB with its event filter put first).
     */
    Document apply(String database, Document query) {
        List<?> pipeline = (List<?>) query.get("pipeline");
        Object stage = ((Document) pipeline.get(0)).get("$changeStream");
        Document spec = stage instanceof Document d ? d : new Document();
        Object target = query.get("aggregate");
        boolean collectionLevel = target instanceof String;
        if (flavor != ServerFlavor.MONGODB) {
            refuseSplitStage(pipeline);
        }
        switch (flavor) {
            case COSMOS -> {
                if (!collectionLevel) {
                    throw new MongoServerError(
                            115,
                            "CommandNotSupported",
                            "Change streams are only supported on collections in Azure Cosmos DB"
                                    + " for MongoDB; watching a database or the whole account is"
                                    + " not supported");
                }
                if (spec.containsKey("startAtOperationTime")) {
                    throw new MongoServerError(
                            2,
                            "BadValue",
                            "startAtOperationTime is not supported by Azure Cosmos DB for MongoDB"
                                    + " change streams");
                }
                if (!"updateLookup".equals(spec.get("fullDocument"))) {
                    throw new MongoServerError(
                            2,
                            "BadValue",
                            "Azure Cosmos DB for MongoDB change streams require fullDocument:"
                                    + " 'updateLookup'");
                }
                return withStages(
                        query,
                        pipeline,
                        new Document(
                                "$match",
                                new Document(
                                        "operationType",
                                        new Document(
                                                "$in", List.of("insert", "update", "replace")))),
                        new Document("$unset", List.of("updateDescription")));
            }
            case DOCUMENTDB -> {
                if (spec.containsKey("startAfter")) {
                    throw new MongoServerError(
                            115,
                            "CommandNotSupported",
                            "Feature not supported: startAfter (use resumeAfter)");
                }
                String collection = collectionLevel ? (String) target : "";
                boolean allowed =
                        enabled.contains(".")
                                || (!"admin".equals(database) && enabled.contains(database + "."))
                                || (collectionLevel
                                        && enabled.contains(database + "." + collection));
                if (!allowed) {
                    throw new MongoServerError(136, "CappedPositionLost", NOT_ENABLED);
                }
                return query;
            }
            default -> {
                return query;
            }
        }
    }

    /**
     * Neither service lists {@code $changeStreamSplitLargeEvent} among its supported stages; like a
     * MongoDB without it, they refuse it as unrecognized.
     */
    private static void refuseSplitStage(List<?> pipeline) {
        for (Object stage : pipeline) {
            if (stage instanceof Document d && d.containsKey("$changeStreamSplitLargeEvent")) {
                throw new MongoServerError(
                        40324,
                        "Location40324",
                        "Unrecognized pipeline stage name: '$changeStreamSplitLargeEvent'");
            }
        }
    }

    private static Document withStages(Document query, List<?> pipeline, Document... stages) {
        List<Object> rewritten = new ArrayList<>();
        rewritten.add(pipeline.get(0));
        rewritten.addAll(List.of(stages));
        rewritten.addAll(pipeline.subList(1, pipeline.size()));
        Document copy = new Document(query);
        copy.put("pipeline", rewritten);
        return copy;
    }
}
