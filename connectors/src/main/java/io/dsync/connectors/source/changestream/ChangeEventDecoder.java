package io.dsync.connectors.source.changestream;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.connectors.source.snapshot.RawBsonField;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Turns one raw change event into a {@link ChangeStreamEvent}, copying the document bytes out of
 * the event unchanged.
 *
 * <p>Event fields as in https://www.mongodb.com/docs/manual/reference/change-events/ . An event of
 * an operation type this version does not know is refused with an exception naming it, never
 * skipped.
 */
public final class ChangeEventDecoder {

    private ChangeEventDecoder() {}

    /**
     * @param event the raw event document as the server sent it
     * @throws IllegalStateException for an unknown operation type or an event missing a field its
     *     type must have
     */
    public static ChangeStreamEvent decode(RawBsonDocument event) {
        byte[] bytes = IdKey.bytesOf(event);
        RawBsonField tokenField = RawBsonField.find(bytes, "_id");
        if (tokenField == null || tokenField.type() != BsonType.DOCUMENT.getValue()) {
            throw new IllegalStateException(
                    "change event without a resume token (_id): was it removed by a pipeline"
                            + " stage? "
                            + describe(event));
        }
        byte[] token = tokenField.valueBytes();
        String op = operationType(bytes, event);
        long time = clusterTime(bytes);
        switch (op) {
            case "insert":
            case "replace":
            case "update":
                {
                    Namespace ns = namespace(bytes, "ns", event);
                    byte[] document = fullDocument(bytes);
                    if (document == null) {
                        if (op.equals("update")) {
                            // The looked-up document is gone: its delete follows in the stream.
                            return ChangeStreamEvent.heartbeat(token, time);
                        }
                        throw new IllegalStateException(
                                op + " event without fullDocument: " + describe(event));
                    }
                    ChangeRecord.Kind kind =
                            switch (op) {
                                case "insert" -> ChangeRecord.Kind.INSERT;
                                case "replace" -> ChangeRecord.Kind.REPLACE;
                                default -> ChangeRecord.Kind.UPDATE;
                            };
                    return ChangeStreamEvent.document(
                            new ChangeRecord(
                                    kind, ns.fullName(), key(bytes, event), document, time),
                            token);
                }
            case "delete":
                {
                    Namespace ns = namespace(bytes, "ns", event);
                    return ChangeStreamEvent.document(
                            new ChangeRecord(
                                    ChangeRecord.Kind.DELETE,
                                    ns.fullName(),
                                    documentKey(bytes, event),
                                    null,
                                    time),
                            token);
                }
            case "drop":
                return ChangeStreamEvent.ddl(
                        DdlEvent.drop(namespace(bytes, "ns", event)), token, time);
            case "create":
                return ChangeStreamEvent.ddl(
                        DdlEvent.create(namespace(bytes, "ns", event)), token, time);
            case "rename":
                return ChangeStreamEvent.ddl(
                        DdlEvent.rename(
                                namespace(bytes, "ns", event), namespace(bytes, "to", event)),
                        token,
                        time);
            case "dropDatabase":
                return ChangeStreamEvent.ddl(
                        DdlEvent.dropDatabase(database(bytes, event)), token, time);
            case "invalidate":
                return ChangeStreamEvent.invalidate(token, time);
            default:
                throw new IllegalStateException(
                        "The change stream delivered an event of operation type '"
                                + op
                                + "', which this version of dsync cannot apply; stopping rather"
                                + " than skipping it. Event: "
                                + describe(event));
        }
    }

    private static byte[] fullDocument(byte[] event) {
        RawBsonField field = RawBsonField.find(event, "fullDocument");
        if (field == null || field.type() == BsonType.NULL.getValue()) {
            return null;
        }
        if (field.type() != BsonType.DOCUMENT.getValue()) {
            throw new IllegalStateException("fullDocument is not a document");
        }
        return field.valueBytes();
    }

    /** {@code {_id: v}} from {@code documentKey}, which may also hold the shard key. */
    private static byte[] key(byte[] event, RawBsonDocument parsed) {
        return IdKey.of(documentKey(event, parsed));
    }

    /**
     * The whole {@code documentKey}: {@code _id} and, on a sharded collection, the shard key
     * fields. A delete is filtered by all of it, so that the delete half of a shard-key change that
     * moved the document cannot remove the moved document (MongoDB manual, "Change Events", {@code
     * documentKey}).
     */
    private static byte[] documentKey(byte[] event, RawBsonDocument parsed) {
        RawBsonField documentKey = RawBsonField.find(event, "documentKey");
        if (documentKey == null || documentKey.type() != BsonType.DOCUMENT.getValue()) {
            throw new IllegalStateException("event without documentKey: " + describe(parsed));
        }
        byte[] key = documentKey.valueBytes();
        if (RawBsonField.find(key, "_id") == null) {
            throw new IllegalStateException(
                    "event whose documentKey has no _id: " + describe(parsed));
        }
        return key;
    }

    private static String operationType(byte[] event, RawBsonDocument parsed) {
        RawBsonField op = RawBsonField.find(event, "operationType");
        if (op == null || op.type() != BsonType.STRING.getValue()) {
            throw new IllegalStateException(
                    "change event without an operationType string: " + describe(parsed));
        }
        return op.stringValue();
    }

    /** The {@code ns} field of a {@code dropDatabase} event, which names only the database. */
    private static String database(byte[] event, RawBsonDocument parsed) {
        return nameIn(namespaceField(event, "ns", parsed), "db", parsed);
    }

    private static Namespace namespace(byte[] event, String field, RawBsonDocument parsed) {
        RawBsonField ns = namespaceField(event, field, parsed);
        return new Namespace(nameIn(ns, "db", parsed), nameIn(ns, "coll", parsed));
    }

    private static RawBsonField namespaceField(byte[] event, String field, RawBsonDocument parsed) {
        RawBsonField ns = RawBsonField.find(event, field);
        if (ns == null || ns.type() != BsonType.DOCUMENT.getValue()) {
            throw new IllegalStateException(
                    "change event without '" + field + "' namespace: " + describe(parsed));
        }
        return ns;
    }

    private static String nameIn(RawBsonField namespace, String name, RawBsonDocument parsed) {
        RawBsonField value = namespace.field(name);
        if (value == null || value.type() != BsonType.STRING.getValue()) {
            throw new IllegalStateException(
                    "change event namespace without a '" + name + "' string: " + describe(parsed));
        }
        return value.stringValue();
    }

    private static long clusterTime(byte[] event) {
        RawBsonField time = RawBsonField.find(event, "clusterTime");
        return time != null && time.type() == BsonType.TIMESTAMP.getValue()
                ? time.timestampValue()
                : 0L;
    }

    /** The event's type and namespace only: never document contents in messages. */
    private static String describe(RawBsonDocument event) {
        BsonValue op = event.get("operationType");
        BsonValue ns = event.get("ns");
        return "{operationType: "
                + (op == null ? "-" : op.isString() ? op.asString().getValue() : op)
                + ", ns: "
                + (ns == null || !ns.isDocument() ? "-" : ns.asDocument().toJson())
                + "}";
    }
}
