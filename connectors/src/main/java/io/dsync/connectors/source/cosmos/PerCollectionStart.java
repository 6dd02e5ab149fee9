package io.dsync.connectors.source.cosmos;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.dsync.connectors.flavor.Flavor;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.ChangeStreamStart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the start point of per-collection change streams, BEFORE the copy begins: one resume token
 * per collection, from a stream opened on it.
 *
 * <p>A freshly opened stream normally reports a resume token (the post-batch resume token of its
 * first batches). Cosmos DB may report none until an event arrives and has no {@code
 * startAtOperationTime}; for it dsync writes a marker document {@code {_id:
 * "__dsync_marker_<uuid>"}} into the collection, reads the stream up to the marker's own event,
 * takes the token after it, and removes the marker again, all before the copy starts: the marker is
 * never copied, and its insert lies before the start point. (Cosmos DB reports no deletes, so its
 * removal is no event either.)
 */
public final class PerCollectionStart {

    private static final Logger LOG = LoggerFactory.getLogger(PerCollectionStart.class);

    static final String MARKER_PREFIX = "__dsync_marker_";
    private static final Duration AWAIT = Duration.ofMillis(200);
    private static final Duration MARKER_TIMEOUT = Duration.ofSeconds(30);

    private PerCollectionStart() {}

    /**
     * @throws ChangeStreamsNotEnabledException when DocumentDB has no change stream for one
     * @throws IllegalStateException when no token could be obtained (the message says why)
     */
    public static ChangeStreamPosition capture(
            MongoClient client, List<Namespace> namespaces, Flavor flavor) {
        if (namespaces.isEmpty()) {
            throw new IllegalStateException(
                    "no collection is selected on the "
                            + flavor.displayName()
                            + " source; its change streams are per collection, so there is"
                            + " nothing to follow");
        }
        Map<String, byte[]> tokens = new TreeMap<>();
        for (Namespace namespace : namespaces) {
            tokens.put(namespace.fullName(), firstToken(client, namespace, flavor));
        }
        LOG.info("Change stream start point: resume tokens of {} collections", tokens.size());
        return ChangeStreamPosition.ofCollections(tokens);
    }

    private static byte[] firstToken(MongoClient client, Namespace namespace, Flavor flavor) {
        try (MongoChangeStreamCursor<RawBsonDocument> cursor =
                CollectionStreams.open(client, namespace, flavor, null, 100, AWAIT)) {
            BsonDocument token = cursor.getResumeToken();
            if (token == null) {
                cursor.tryNext();
                token = cursor.getResumeToken();
            }
            if (token == null && flavor.capabilities().markerForFirstToken()) {
                token = viaMarker(client, namespace, cursor);
            }
            if (token == null) {
                throw new IllegalStateException(
                        "the change stream of "
                                + namespace
                                + " on the "
                                + flavor.displayName()
                                + " source gave no resume token to start from; write to the"
                                + " collection once and start again");
            }
            return ChangeStreamStart.bytes(token);
        } catch (MongoException e) {
            if (ChangeStreamsNotEnabledException.isNotEnabled(e)) {
                throw new ChangeStreamsNotEnabledException(namespace, e);
            }
            throw e;
        }
    }

    private static BsonDocument viaMarker(
            MongoClient client,
            Namespace namespace,
            MongoChangeStreamCursor<RawBsonDocument> cursor) {
        MongoCollection<BsonDocument> collection =
                client.getDatabase(namespace.database())
                        .getCollection(namespace.collection(), BsonDocument.class);
        BsonString id = new BsonString(MARKER_PREFIX + UUID.randomUUID());
        try {
            collection.insertOne(
                    new BsonDocument("_id", id).append("dsyncMarker", BsonBoolean.TRUE));
        } catch (MongoException e) {
            throw new IllegalStateException(
                    "the change stream of "
                            + namespace
                            + " gave no resume token, and dsync could not write the marker"
                            + " document that would give one ("
                            + e.getMessage()
                            + "): let the source user write to the collection, or write to it"
                            + " once yourself, and start again",
                    e);
        }
        try {
            long deadline = System.nanoTime() + MARKER_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                RawBsonDocument event = cursor.tryNext();
                if (event != null && isMarker(event, id)) {
                    LOG.info("Took the first resume token of {} with a marker document", namespace);
                    return cursor.getResumeToken();
                }
            }
            throw new IllegalStateException(
                    "the change stream of "
                            + namespace
                            + " did not report dsync's marker document within "
                            + MARKER_TIMEOUT.toSeconds()
                            + "s, so no start point could be taken; start again");
        } finally {
            collection.deleteOne(new BsonDocument("_id", id));
        }
    }

    private static boolean isMarker(RawBsonDocument event, BsonString id) {
        BsonValue key = event.get("documentKey");
        return key instanceof BsonDocument doc && id.equals(doc.get("_id"));
    }
}
