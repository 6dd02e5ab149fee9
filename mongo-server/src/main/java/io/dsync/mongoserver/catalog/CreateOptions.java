package io.dsync.mongoserver.catalog;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.Set;

/**
 * The options of a {@code create} command, as {@code listCollections} reports them: every known
 * option kept verbatim and in order, command plumbing ({@code $db}, {@code lsid}, write concern...)
 * left out, unknown fields refused as MongoDB does. See the MongoDB manual, "create".
 */
public final class CreateOptions {

    private static final Set<String> OPTIONS =
            Set.of(
                    "capped",
                    "autoIndexId",
                    "size",
                    "max",
                    "storageEngine",
                    "validator",
                    "validationLevel",
                    "validationAction",
                    "indexOptionDefaults",
                    "viewOn",
                    "pipeline",
                    "collation",
                    "timeseries",
                    "expireAfterSeconds",
                    "clusteredIndex",
                    "changeStreamPreAndPostImages",
                    "encryptedFields",
                    "recordPreImages",
                    "temp",
                    "flags");

    private static final Set<String> GENERIC =
            Set.of(
                    "create",
                    "$db",
                    "lsid",
                    "txnNumber",
                    "$clusterTime",
                    "writeConcern",
                    "comment",
                    "$readPreference",
                    "apiVersion",
                    "apiStrict",
                    "apiDeprecationErrors",
                    "maxTimeMS",
                    "idIndex",
                    "autocommit",
                    "startTransaction");

    private CreateOptions() {}

    public static Document from(Document command) {
        Document options = new Document();
        for (String field : command.keySet()) {
            if (OPTIONS.contains(field)) {
                options.put(field, command.get(field));
            } else if (!GENERIC.contains(field)) {
                throw new MongoServerError(
                        40415,
                        "Location40415",
                        "BSON field 'create." + field + "' is an unknown field.");
            }
        }
        if (Boolean.FALSE.equals(options.get("capped"))) {
            options.remove("capped"); // drivers send capped: false; MongoDB does not list it
        }
        if (Boolean.TRUE.equals(options.get("capped")) && !options.containsKey("size")) {
            throw new MongoServerError(
                    72, "InvalidOptions", "the 'size' field is required when 'capped' is true");
        }
        if (options.containsKey("pipeline") && !options.containsKey("viewOn")) {
            throw new MongoServerError(
                    9, "FailedToParse", "'pipeline' requires 'viewOn' to also be specified");
        }
        return options;
    }

    public static boolean isView(Document options) {
        return options.containsKey("viewOn");
    }

    public static boolean isTimeseries(Document options) {
        return options.containsKey("timeseries");
    }
}
