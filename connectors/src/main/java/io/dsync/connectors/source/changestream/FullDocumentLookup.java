package io.dsync.connectors.source.changestream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.connectors.source.snapshot.RawBsonField;
import java.nio.charset.StandardCharsets;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.RawBsonDocument;

/**
 * The last resort for a change event too large even without {@code updateDescription} (a document
 * near 16 MB with a large {@code _id}, which the event carries twice): the event is read without
 * {@code fullDocument} and the document is looked up by its {@code _id}, as {@code updateLookup}
 * does on the server. The document found is at least as new as the event; none found means a later
 * delete, so the event is only progress.
 */
final class FullDocumentLookup {

    private static final byte[] FULL_DOCUMENT = "fullDocument".getBytes(StandardCharsets.UTF_8);

    private FullDocumentLookup() {}

    /** The event read without its document, decoded with the document looked up. */
    static ChangeStreamEvent decode(MongoClient client, RawBsonDocument event) {
        byte[] bytes = IdKey.bytesOf(event);
        RawBsonField op = RawBsonField.find(bytes, "operationType");
        String type = op != null && op.type() == BsonType.STRING.getValue() ? op.stringValue() : "";
        if (!type.equals("insert") && !type.equals("update") && !type.equals("replace")) {
            return ChangeEventDecoder.decode(event);
        }
        BsonDocument ns = event.getDocument("ns");
        RawBsonDocument current =
                client.getDatabase(ns.getString("db").getValue())
                        .getCollection(ns.getString("coll").getValue(), RawBsonDocument.class)
                        .find(Filters.eq("_id", event.getDocument("documentKey").get("_id")))
                        .first();
        if (current == null) {
            RawBsonField time = RawBsonField.find(bytes, "clusterTime");
            return ChangeStreamEvent.heartbeat(
                    RawBsonField.find(bytes, "_id").valueBytes(),
                    time != null && time.type() == BsonType.TIMESTAMP.getValue()
                            ? time.timestampValue()
                            : 0L);
        }
        return ChangeEventDecoder.decode(
                append(bytes, (byte) BsonType.DOCUMENT.getValue(), IdKey.bytesOf(current)));
    }

    /** The event with a {@code fullDocument} element of this type and value appended. */
    private static RawBsonDocument append(byte[] event, byte type, byte[] value) {
        int length = event.length + 1 + FULL_DOCUMENT.length + 1 + value.length;
        byte[] out = new byte[length];
        System.arraycopy(event, 0, out, 0, event.length - 1);
        int pos = event.length - 1;
        out[pos++] = type;
        System.arraycopy(FULL_DOCUMENT, 0, out, pos, FULL_DOCUMENT.length);
        pos += FULL_DOCUMENT.length;
        out[pos++] = 0;
        System.arraycopy(value, 0, out, pos, value.length);
        pos += value.length;
        out[pos] = 0;
        out[0] = (byte) length;
        out[1] = (byte) (length >>> 8);
        out[2] = (byte) (length >>> 16);
        out[3] = (byte) (length >>> 24);
        return new RawBsonDocument(out);
    }
}
