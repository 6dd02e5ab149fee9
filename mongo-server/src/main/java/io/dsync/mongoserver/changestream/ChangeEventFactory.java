package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.DocumentLookup;
import io.dsync.mongoserver.changestream.ChangeStreamOptions.FullDocument;
import io.dsync.mongoserver.changestream.ChangeStreamOptions.FullDocumentBeforeChange;
import java.time.Instant;

/**
 * Shapes oplog entries into change event documents as MongoDB 7.0 documents them ("Change Events",
 * MongoDB manual: https://www.mongodb.com/docs/v7.0/reference/change-events/): {@code _id} (resume
 * token), {@code operationType}, {@code clusterTime}, {@code wallTime}, then per type {@code
 * fullDocument}, {@code ns}, {@code documentKey}, {@code updateDescription}, {@code to}, {@code
 * operationDescription}.
 */
final class ChangeEventFactory {

    private final DocumentLookup lookup;
    private final ChangeStreamOptions options;

    ChangeEventFactory(DocumentLookup lookup, ChangeStreamOptions options) {
        this.lookup = lookup;
        this.options = options;
    }

    /** The event the stream reports for {@code entry}. */
    Document event(OplogEntry entry) {
        Document event = header(ResumeToken.event(entry.clusterTime()), entry, entry.type());
        switch (entry.type()) {
            case INSERT -> {
                event.append("fullDocument", entry.document());
                appendNamespace(event, entry);
                event.append("documentKey", documentKey(entry));
            }
            case UPDATE -> {
                appendUpdatePostImage(event, entry);
                appendNamespace(event, entry);
                event.append("documentKey", documentKey(entry));
                event.append("updateDescription", entry.updateDescription());
                appendPreImage(event, entry);
            }
            case REPLACE -> {
                event.append("fullDocument", entry.document());
                appendNamespace(event, entry);
                event.append("documentKey", documentKey(entry));
                appendPreImage(event, entry);
            }
            case DELETE -> {
                appendNamespace(event, entry);
                event.append("documentKey", documentKey(entry));
                appendPreImage(event, entry);
            }
            case DROP, CREATE, CREATE_INDEXES -> {
                appendNamespace(event, entry);
                if (entry.operationDescription() != null && options.showExpandedEvents()) {
                    event.append("operationDescription", entry.operationDescription());
                }
            }
            case RENAME -> {
                appendNamespace(event, entry);
                event.append(
                        "to",
                        new Document("db", entry.toDatabase())
                                .append("coll", entry.toCollection()));
                if (options.showExpandedEvents()) {
                    event.append("operationDescription", entry.operationDescription());
                }
            }
            case DROP_DATABASE -> event.append("ns", new Document("db", entry.database()));
        }
        return event;
    }

    /** The invalidate event that follows {@code entry} and ends the stream. */
    Document invalidate(OplogEntry entry) {
        return new Document("_id", ResumeToken.invalidate(entry.clusterTime()).toDocument())
                .append("operationType", "invalidate")
                .append("clusterTime", new BsonTimestamp(entry.clusterTime()))
                .append("wallTime", Instant.ofEpochMilli(entry.wallTimeMillis()));
    }

    private Document header(ResumeToken token, OplogEntry entry, OperationType type) {
        Document event =
                new Document("_id", token.toDocument())
                        .append("operationType", type.eventName())
                        .append("clusterTime", new BsonTimestamp(entry.clusterTime()));
        if (options.showExpandedEvents() && entry.collectionUuid() != null) {
            // MongoDB 6.0+ reports the collection's UUID with showExpandedEvents.
            event.append("collectionUUID", entry.collectionUuid());
        }
        return event.append("wallTime", Instant.ofEpochMilli(entry.wallTimeMillis()));
    }

    private static void appendNamespace(Document event, OplogEntry entry) {
        event.append("ns", new Document("db", entry.database()).append("coll", entry.collection()));
    }

    private static Document documentKey(OplogEntry entry) {
        return entry.documentKey() != null
                ? entry.documentKey().cloneDeeply()
                : new Document("_id", entry.documentId());
    }

    /**
     * {@code updateLookup} reads the document as it is now, when the event is returned, not as it
     * was after this update; null when it no longer exists ("Change Streams", MongoDB manual:
     * "Lookup Full Document for Update Operations").
     */
    private void appendUpdatePostImage(Document event, OplogEntry entry) {
        FullDocument mode = options.fullDocument();
        if (mode == FullDocument.UPDATE_LOOKUP) {
            event.append(
                    "fullDocument",
                    lookup.findById(entry.database(), entry.collection(), entry.documentId()));
        } else if (mode == FullDocument.WHEN_AVAILABLE) {
            event.append("fullDocument", null);
        } else if (mode == FullDocument.REQUIRED) {
            throw ChangeStreamErrors.noMatchingDocument(
                    "Change stream was configured to require a post-image for all update events,"
                            + " but the post-image was not found for event: "
                            + describe(entry)
                            + " (this server does not record post-images)");
        }
    }

    private void appendPreImage(Document event, OplogEntry entry) {
        FullDocumentBeforeChange mode = options.fullDocumentBeforeChange();
        if (mode == FullDocumentBeforeChange.WHEN_AVAILABLE) {
            event.append("fullDocumentBeforeChange", null);
        } else if (mode == FullDocumentBeforeChange.REQUIRED) {
            throw ChangeStreamErrors.noMatchingDocument(
                    "Change stream was configured to require a pre-image for all update, delete and"
                            + " replace events, but the pre-image was not found for event: "
                            + describe(entry)
                            + " (this server does not record pre-images)");
        }
    }

    private static String describe(OplogEntry entry) {
        return "{ns: "
                + entry.database()
                + "."
                + entry.collection()
                + ", clusterTime: "
                + new BsonTimestamp(entry.clusterTime())
                + "}";
    }
}
