package io.dsync.connectors.sink;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finalizes a migration's indexes: every index that is unique at the source and was created
 * non-unique at the destination ({@link DeferredUniqueIndexes}) is converted to unique with {@code
 * collMod} ({@code prepareUnique: true}, then {@code unique: true}, MongoDB 6.0+), so that it ends
 * exactly as the source defines it. When documents at the destination share a key, nothing is
 * converted for that index (its {@code prepareUnique} is set back) and the error names the
 * documents by {@code _id}; no document is changed.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/command/collMod/">collMod</a>
 * @see <a href="https://www.mongodb.com/docs/manual/core/index-unique/convert-to-unique/">Convert
 *     an Existing Index to a Unique Index</a>
 */
public final class UniqueIndexFinalizer {

    /** runCommand takes no write concern from the client: the forced one goes in each command. */
    private static final BsonDocument WRITE_CONCERN = ForcedConsistency.WRITE_CONCERN.asDocument();

    private static final Logger LOG = LoggerFactory.getLogger(UniqueIndexFinalizer.class);

    private static final int NAMESPACE_NOT_FOUND = 26;
    private static final int CANNOT_CONVERT_INDEX_TO_UNIQUE = 359;

    /** At most this many {@code _id}s are named per index in the error. */
    static final int MAX_IDS_NAMED = 20;

    private final MongoClient source;
    private final MongoClient destination;
    private final NamespaceMapping mapping;

    public UniqueIndexFinalizer(
            MongoClient source, MongoClient destination, NamespaceMapping mapping) {
        this.source = source;
        this.destination = destination;
        this.mapping = mapping;
    }

    /**
     * Converts the deferred unique indexes of the given source namespaces.
     *
     * @return the destination indexes converted, as {@code db.coll index}
     * @throws UniqueIndexConversionException naming every index that could not be converted and the
     *     {@code _id}s of the documents sharing a key
     */
    public List<String> finalizeIndexes(List<Namespace> sourceNamespaces) {
        List<String> converted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Namespace namespace : sourceNamespaces) {
            Namespace target = mapping.map(namespace);
            Map<String, BsonDocument> existing = indexes(destination, target);
            for (BsonDocument wanted : indexes(source, namespace).values()) {
                String name = wanted.getString("name").getValue();
                BsonDocument current = existing.get(name);
                if (!DeferredUniqueIndexes.isUnique(wanted)
                        || current == null
                        || DeferredUniqueIndexes.isUnique(current)) {
                    continue;
                }
                String failure = convert(target, wanted);
                if (failure == null) {
                    converted.add(target.fullName() + " " + name);
                } else {
                    failures.add(failure);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new UniqueIndexConversionException(
                    "Cannot make "
                            + String.join("; ", failures)
                            + ". Nothing was deleted and these indexes stay non-unique: resolve the"
                            + " duplicates (compare them with the source) and run finalize again.");
        }
        return converted;
    }

    /** Converts one index; returns null, or what stands in the way. */
    private String convert(Namespace target, BsonDocument wanted) {
        String name = wanted.getString("name").getValue();
        MongoDatabase database = destination.getDatabase(target.database());
        try {
            collMod(database, target, new BsonDocument("prepareUnique", BsonBoolean.TRUE), name);
        } catch (MongoCommandException e) {
            throw new UniqueIndexConversionException(
                    "The destination cannot convert index "
                            + name
                            + " of "
                            + target.fullName()
                            + " to unique: "
                            + e.getErrorMessage()
                            + " (error code "
                            + e.getErrorCode()
                            + "; collMod prepareUnique needs MongoDB 6.0 or later). Drop the index"
                            + " at the destination and create it as the source has it.");
        }
        try {
            collMod(database, target, new BsonDocument("unique", BsonBoolean.TRUE), name);
        } catch (MongoCommandException e) {
            collMod(database, target, new BsonDocument("prepareUnique", BsonBoolean.FALSE), name);
            if (e.getErrorCode() != CANNOT_CONVERT_INDEX_TO_UNIQUE) {
                throw e;
            }
            return "index "
                    + name
                    + " of "
                    + target.fullName()
                    + " unique: documents share a key, by _id "
                    + violations(e.getResponse());
        }
        BsonDocument result = indexes(destination, target).get(name);
        if (result != null && !sameBytes(result, wanted)) {
            // the conversion lists unique after the other options; rebuild it as the source has
            // it (no duplicates, as the conversion just showed)
            database.runCommand(
                    new BsonDocument("dropIndexes", new BsonString(target.collection()))
                            .append("index", new BsonString(name))
                            .append("writeConcern", WRITE_CONCERN));
            database.runCommand(
                    new BsonDocument("createIndexes", new BsonString(target.collection()))
                            .append("indexes", new BsonArray(List.of(wanted)))
                            .append("writeConcern", WRITE_CONCERN));
        }
        LOG.info("Index {} of {} is unique now", name, target);
        return null;
    }

    private static void collMod(
            MongoDatabase database, Namespace target, BsonDocument change, String name) {
        BsonDocument index = new BsonDocument("name", new BsonString(name));
        index.putAll(change);
        database.runCommand(
                new BsonDocument("collMod", new BsonString(target.collection()))
                        .append("index", index)
                        .append("writeConcern", WRITE_CONCERN));
    }

    /** The violations of a CannotConvertIndexToUnique error: {@code [id, id], [id, id]}. */
    static String violations(BsonDocument response) {
        List<String> groups = new ArrayList<>();
        int named = 0;
        for (BsonValue violation : response.getArray("violations", new BsonArray())) {
            List<String> ids = new ArrayList<>();
            for (BsonValue id : violation.asDocument().getArray("ids", new BsonArray())) {
                if (named++ == MAX_IDS_NAMED) {
                    groups.add(String.join(", ", ids) + ", ...");
                    return String.join("; ", groups) + " (more not shown)";
                }
                ids.add(new BsonDocument("_id", id).toJson().replaceAll("^\\{\"_id\": |}$", ""));
            }
            groups.add(String.join(", ", ids));
        }
        return String.join("; ", groups);
    }

    /** Same fields in the same order with the same BSON types and values. */
    private static boolean sameBytes(BsonDocument a, BsonDocument b) {
        JsonWriterSettings exact =
                JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
        return a.toJson(exact).equals(b.toJson(exact));
    }

    /** {@code listIndexes} by name, {@code ns} removed; empty when the collection is missing. */
    private static Map<String, BsonDocument> indexes(MongoClient client, Namespace namespace) {
        Map<String, BsonDocument> byName = new LinkedHashMap<>();
        try {
            for (BsonDocument spec :
                    client.getDatabase(namespace.database())
                            .getCollection(namespace.collection())
                            .listIndexes(BsonDocument.class)) {
                BsonDocument copy = spec.clone();
                copy.remove("ns");
                byName.put(copy.getString("name").getValue(), copy);
            }
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != NAMESPACE_NOT_FOUND) {
                throw e;
            }
        }
        return byName;
    }
}
