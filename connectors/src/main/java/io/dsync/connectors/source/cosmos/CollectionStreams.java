package io.dsync.connectors.source.cosmos;

import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.FullDocument;
import io.dsync.connectors.flavor.Flavor;
import io.dsync.connectors.namespace.Namespace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/**
 * Opens the change stream of one collection the way its flavor wants it.
 *
 * <p>Cosmos DB requires a {@code $match} on the operation types it reports (insert, update,
 * replace), a {@code $project} of {@code _id}, {@code fullDocument}, {@code ns} and {@code
 * documentKey}, and {@code fullDocument: "updateLookup"}: the events then carry no {@code
 * operationType}, and every event carries the whole current document
 * (https://learn.microsoft.com/azure/cosmos-db/mongodb/change-streams). DocumentDB takes MongoDB's
 * events as they are, resumed with {@code resumeAfter}
 * (https://docs.aws.amazon.com/documentdb/latest/developerguide/change_streams.html).
 */
final class CollectionStreams {

    private CollectionStreams() {}

    /** The stages after {@code $changeStream} for this flavor. */
    static List<BsonDocument> pipeline(Flavor flavor) {
        if (flavor != Flavor.COSMOS) {
            return List.of();
        }
        BsonArray types =
                new BsonArray(
                        List.of(
                                new BsonString("insert"),
                                new BsonString("update"),
                                new BsonString("replace")));
        BsonDocument match =
                new BsonDocument(
                        "$match",
                        new BsonDocument("operationType", new BsonDocument("$in", types)));
        BsonDocument project =
                new BsonDocument(
                        "$project",
                        new BsonDocument("_id", new BsonInt32(1))
                                .append("fullDocument", new BsonInt32(1))
                                .append("ns", new BsonInt32(1))
                                .append("documentKey", new BsonInt32(1)));
        return List.of(match, project);
    }

    /**
     * @param resumeAfter raw resume token to continue after, or null for "now"
     */
    @SuppressWarnings("unchecked")
    static MongoChangeStreamCursor<RawBsonDocument> open(
            MongoClient client,
            Namespace ns,
            Flavor flavor,
            byte[] resumeAfter,
            int batchSize,
            Duration maxAwait) {
        ChangeStreamIterable<RawBsonDocument> watch =
                client.getDatabase(ns.database())
                        .getCollection(ns.collection(), RawBsonDocument.class)
                        .watch(pipeline(flavor), RawBsonDocument.class)
                        .fullDocument(FullDocument.UPDATE_LOOKUP)
                        .batchSize(batchSize)
                        .maxAwaitTime(maxAwait.toMillis(), TimeUnit.MILLISECONDS);
        if (resumeAfter != null) {
            watch = watch.resumeAfter(new RawBsonDocument(resumeAfter));
        }
        // The raw iterable's cursor is the change-stream cursor (resume tokens, available()).
        return (MongoChangeStreamCursor<RawBsonDocument>)
                watch.withDocumentClass(RawBsonDocument.class).cursor();
    }
}
