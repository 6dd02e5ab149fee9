package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.Set;

/**
 * The validated specification of one change stream: the {@code $changeStream} stage's options and
 * what the {@code aggregate} targets ("$changeStream (aggregation)", MongoDB manual:
 * https://www.mongodb.com/docs/v7.0/reference/operator/aggregation/changeStream/).
 *
 * @param scope collection, database or whole deployment
 * @param resumeAfter start after this event; an invalidate token is refused
 * @param startAfter start after this event, also after an invalidate (a new stream)
 * @param startAtOperationTime start with the first event at or after this cluster time
 * @param fullDocument the {@code fullDocument} mode for update events
 * @param fullDocumentBeforeChange the {@code fullDocumentBeforeChange} mode
 * @param showExpandedEvents whether DDL events such as create and createIndexes are reported
 */
record ChangeStreamOptions(
        StreamScope scope,
        ResumeToken resumeAfter,
        ResumeToken startAfter,
        BsonTimestamp startAtOperationTime,
        FullDocument fullDocument,
        FullDocumentBeforeChange fullDocumentBeforeChange,
        boolean showExpandedEvents) {

    /** {@code fullDocument}: what update events carry as {@code fullDocument}. */
    enum FullDocument {
        /** No {@code fullDocument} on update events. */
        DEFAULT("default"),
        /** The current version of the document when the event is returned, or null. */
        UPDATE_LOOKUP("updateLookup"),
        /** The post-image if recorded: this server records none, so null. */
        WHEN_AVAILABLE("whenAvailable"),
        /** The post-image or an error: this server records none, so NoMatchingDocument. */
        REQUIRED("required");

        final String value;

        FullDocument(String value) {
            this.value = value;
        }
    }

    /** {@code fullDocumentBeforeChange}: pre-images, which this server does not record. */
    enum FullDocumentBeforeChange {
        OFF("off"),
        WHEN_AVAILABLE("whenAvailable"),
        REQUIRED("required");

        final String value;

        FullDocumentBeforeChange(String value) {
            this.value = value;
        }
    }

    private static final Set<String> KNOWN_FIELDS =
            Set.of(
                    "allChangesForCluster",
                    "fullDocument",
                    "fullDocumentBeforeChange",
                    "resumeAfter",
                    "showExpandedEvents",
                    "startAfter",
                    "startAtOperationTime");

    /**
     * Parses the {@code $changeStream} stage of an {@code aggregate} run on {@code database}.
     *
     * @param aggregateTarget the value of {@code aggregate}: a collection name, or 1
     */
    static ChangeStreamOptions parse(String database, Object aggregateTarget, Object stageSpec) {
        if (!(stageSpec instanceof Document spec)) {
            throw new MongoServerError(50808, "$changeStream stage expects a document as argument");
        }
        for (String field : spec.keySet()) {
            if (!KNOWN_FIELDS.contains(field)) {
                throw new MongoServerError(
                        40415,
                        "Location40415",
                        "BSON field '$changeStream." + field + "' is an unknown field.");
            }
        }
        boolean allChangesForCluster = booleanOption(spec, "allChangesForCluster");
        StreamScope scope = scope(database, aggregateTarget, allChangesForCluster);

        int resumeOptions = 0;
        for (String option : new String[] {"resumeAfter", "startAfter", "startAtOperationTime"}) {
            if (spec.containsKey(option)) {
                resumeOptions++;
            }
        }
        if (resumeOptions > 1) {
            throw new MongoServerError(
                    40674, "Only one type of resume option is allowed, but multiple were found.");
        }
        ResumeToken resumeAfter =
                spec.containsKey("resumeAfter") ? ResumeToken.parse(spec.get("resumeAfter")) : null;
        ResumeToken startAfter =
                spec.containsKey("startAfter") ? ResumeToken.parse(spec.get("startAfter")) : null;
        BsonTimestamp startAt = null;
        if (spec.containsKey("startAtOperationTime")) {
            Object value = spec.get("startAtOperationTime");
            if (!(value instanceof BsonTimestamp timestamp)) {
                throw ChangeStreamErrors.typeMismatch("startAtOperationTime", value, "timestamp");
            }
            startAt = timestamp;
        }
        return new ChangeStreamOptions(
                scope,
                resumeAfter,
                startAfter,
                startAt,
                enumOption(spec, "fullDocument", FullDocument.values(), FullDocument.DEFAULT),
                enumOption(
                        spec,
                        "fullDocumentBeforeChange",
                        FullDocumentBeforeChange.values(),
                        FullDocumentBeforeChange.OFF),
                booleanOption(spec, "showExpandedEvents"));
    }

    private static StreamScope scope(
            String database, Object aggregateTarget, boolean allChangesForCluster) {
        if (aggregateTarget instanceof String collection) {
            if (allChangesForCluster) {
                throw allChangesForClusterMisplaced(database + "." + collection);
            }
            if (isInternal(database)) {
                throw internalDatabase(database);
            }
            if (collection.startsWith("system.")) {
                throw ChangeStreamErrors.invalidNamespace(
                        "$changeStream may not be opened on the internal "
                                + database
                                + "."
                                + collection
                                + " collection");
            }
            return StreamScope.collection(database, collection);
        }
        if (aggregateTarget instanceof Number number && number.doubleValue() == 1) {
            if (allChangesForCluster) {
                if (!"admin".equals(database)) {
                    throw allChangesForClusterMisplaced(database);
                }
                return StreamScope.cluster();
            }
            if (isInternal(database)) {
                throw internalDatabase(database);
            }
            return StreamScope.database(database);
        }
        throw new MongoServerError(
                2,
                "BadValue",
                "Invalid command format: the 'aggregate' field must specify a collection name or 1");
    }

    private static boolean isInternal(String database) {
        return "admin".equals(database) || "config".equals(database) || "local".equals(database);
    }

    private static MongoServerError internalDatabase(String database) {
        return ChangeStreamErrors.invalidNamespace(
                "$changeStream may not be opened on the internal " + database + " database");
    }

    private static MongoServerError allChangesForClusterMisplaced(String namespace) {
        return new MongoServerError(
                72,
                "InvalidOptions",
                "A $changeStream with 'allChangesForCluster:true' may only be opened on the"
                        + " 'admin' database, and with no collection name; found "
                        + namespace);
    }

    private static boolean booleanOption(Document spec, String field) {
        Object value = spec.get(field);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean bool)) {
            throw ChangeStreamErrors.typeMismatch(field, value, "bool");
        }
        return bool;
    }

    private static <E extends Enum<E>> E enumOption(
            Document spec, String field, E[] values, E defaultValue) {
        Object value = spec.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw ChangeStreamErrors.typeMismatch(field, value, "string");
        }
        for (E candidate : values) {
            String name =
                    candidate instanceof FullDocument f
                            ? f.value
                            : ((FullDocumentBeforeChange) candidate).value;
            if (name.equals(text)) {
                return candidate;
            }
        }
        throw ChangeStreamErrors.badValue(
                "Enumeration value '"
                        + text
                        + "' for field '$changeStream."
                        + field
                        + "' is not a valid value.");
    }
}
