package io.dsync.connectors.source.cosmos;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.changestream.ChangeEventDecoder;
import io.dsync.connectors.source.changestream.ChangeStreamEvent;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.connectors.source.snapshot.RawBsonField;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Decodes the events of a per-collection change stream. Events with an {@code operationType} are
 * MongoDB's and go to {@link ChangeEventDecoder}; Cosmos DB's projected events ({@code _id}, {@code
 * fullDocument}, {@code ns}, {@code documentKey}) become a {@link ChangeRecord.Kind#REPLACE} of the
 * whole document: Cosmos DB reports inserts, updates and replaces alike, each with the document as
 * it is now, so writing it whole is right for all three.
 */
final class CollectionEventDecoder {

    private CollectionEventDecoder() {}

    static ChangeStreamEvent decode(RawBsonDocument event, Namespace stream) {
        if (event.containsKey("operationType")) {
            return ChangeEventDecoder.decode(event);
        }
        byte[] bytes = IdKey.bytesOf(event);
        RawBsonField token = RawBsonField.find(bytes, "_id");
        if (token == null || token.type() != BsonType.DOCUMENT.getValue()) {
            throw new IllegalStateException(
                    "change event of " + stream + " without a resume token (_id)");
        }
        RawBsonField full = RawBsonField.find(bytes, "fullDocument");
        if (full == null || full.type() == BsonType.NULL.getValue()) {
            // Looked up after the document was deleted: nothing to write.
            return ChangeStreamEvent.heartbeat(token.valueBytes(), 0L);
        }
        if (full.type() != BsonType.DOCUMENT.getValue()) {
            throw new IllegalStateException(
                    "fullDocument of a " + stream + " event is no document");
        }
        byte[] document = full.valueBytes();
        RawBsonField documentKey = RawBsonField.find(bytes, "documentKey");
        byte[] key =
                documentKey != null && documentKey.type() == BsonType.DOCUMENT.getValue()
                        ? IdKey.of(documentKey.valueBytes())
                        : IdKey.of(document);
        return ChangeStreamEvent.document(
                new ChangeRecord(
                        ChangeRecord.Kind.REPLACE,
                        namespace(event, stream).fullName(),
                        key,
                        document,
                        0L),
                token.valueBytes());
    }

    private static Namespace namespace(RawBsonDocument event, Namespace stream) {
        BsonValue ns = event.get("ns");
        if (ns instanceof BsonDocument doc
                && doc.get("db") != null
                && doc.get("db").isString()
                && doc.get("coll") != null
                && doc.get("coll").isString()) {
            return new Namespace(doc.getString("db").getValue(), doc.getString("coll").getValue());
        }
        return stream;
    }
}
