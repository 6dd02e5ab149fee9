package io.dsync.connectors.source.changestream;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dsync.connectors.source.snapshot.IdKey;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the point from which the change stream of a migration starts. It must be taken BEFORE the
 * initial copy begins, so that every change made during the copy is read afterwards.
 */
public final class ChangeStreamStart {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeStreamStart.class);

    private ChangeStreamStart() {}

    /**
     * Opens a deployment-wide change stream, asks for one batch and takes its resume token (the
     * {@code postBatchResumeToken}, a point at or after "now"); when the server gives none, takes
     * the {@code operationTime} of a {@code ping} instead.
     *
     * @throws ChangeStreamsUnavailableException when the deployment has no change streams (a
     *     standalone server)
     */
    public static ChangeStreamPosition capture(MongoClient client) {
        try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
                client.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
            BsonDocument token = cursor.getResumeToken();
            if (token == null) {
                cursor.tryNext();
                token = cursor.getResumeToken();
            }
            if (token != null) {
                LOG.info("Change stream start point: resume token {}", token.toJson());
                return ChangeStreamPosition.ofResumeToken(bytes(token));
            }
        } catch (MongoException e) {
            if (ChangeStreamErrors.isChangeStreamsUnsupported(e)) {
                throw new ChangeStreamsUnavailableException(e);
            }
            throw e;
        }
        BsonDocument ping =
                client.getDatabase("admin")
                        .runCommand(new BsonDocument("ping", new BsonInt32(1)), BsonDocument.class);
        BsonValue time = ping.get("operationTime");
        if (time == null || !time.isTimestamp()) {
            throw new IllegalStateException(
                    "Cannot take a change stream start point: the source gave neither a resume"
                            + " token nor an operationTime. Is it a replica set or sharded cluster?"
                            + " Otherwise use --mode initial-sync.");
        }
        LOG.info("Change stream start point: operation time {}", time.asTimestamp());
        return ChangeStreamPosition.ofOperationTime(time.asTimestamp());
    }

    /** The raw BSON bytes of a (token) document. */
    public static byte[] bytes(BsonDocument doc) {
        RawBsonDocument raw =
                doc instanceof RawBsonDocument r
                        ? r
                        : new RawBsonDocument(doc, new BsonDocumentCodec());
        return IdKey.bytesOf(raw);
    }
}
