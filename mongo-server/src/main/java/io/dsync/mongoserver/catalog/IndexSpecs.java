package io.dsync.mongoserver.catalog;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Index specifications as MongoDB stores and lists them: {@code v}, {@code key}, {@code name}
 * first, then the options as given; text indexes in their stored form ({@code _fts}/{@code _ftsx}
 * key, {@code weights}, {@code default_language}, {@code language_override}, {@code
 * textIndexVersion}); 2dsphere indexes with {@code 2dsphereIndexVersion}. See the MongoDB manual,
 * "listIndexes" and "Text Indexes".
 */
public final class IndexSpecs {

    public static final String ID_INDEX_NAME = "_id_";

    private static final Set<String> KNOWN_FIELDS =
            Set.of(
                    "v",
                    "key",
                    "name",
                    "ns",
                    "unique",
                    "sparse",
                    "background",
                    "partialFilterExpression",
                    "expireAfterSeconds",
                    "collation",
                    "hidden",
                    "weights",
                    "default_language",
                    "language_override",
                    "textIndexVersion",
                    "2dsphereIndexVersion",
                    "2dIndexVersion",
                    "bits",
                    "min",
                    "max",
                    "bucketSize",
                    "storageEngine",
                    "wildcardProjection",
                    "prepareUnique",
                    "coarsestIndexedLevel",
                    "finestIndexedLevel",
                    "clustered");

    private IndexSpecs() {}

    public static Document idIndex() {
        return new Document("v", 2).append("key", new Document("_id", 1)).append("name", "_id_");
    }

    /** The specification as MongoDB would list it, or MongoDB's error for an invalid one. */
    public static Document normalize(Document given) {
        Object key = given.get("key");
        if (!(key instanceof Document keyDocument) || keyDocument.isEmpty()) {
            throw new MongoServerError(
                    67,
                    "CannotCreateIndex",
                    "Error in specification "
                            + given
                            + " :: caused by :: The 'key' field must be a"
                            + " non-empty object");
        }
        if (!(given.get("name") instanceof String name) || name.isEmpty()) {
            throw new MongoServerError(
                    9,
                    "FailedToParse",
                    "Error in specification "
                            + given
                            + " :: caused by :: The 'name' field is a"
                            + " required property of an index specification");
        }
        for (String field : given.keySet()) {
            if (!KNOWN_FIELDS.contains(field)) {
                throw new MongoServerError(
                        197,
                        "InvalidIndexSpecificationOption",
                        "The field '" + field + "' is not valid for an index specification.");
            }
        }
        Document spec = new Document("v", given.getOrDefault("v", 2));
        spec.put("key", keyDocument);
        spec.put("name", name);
        given.forEach(
                (field, value) -> {
                    if (!Set.of("v", "key", "name", "ns").contains(field)) {
                        spec.put(field, value);
                    }
                });
        if (keyDocument.containsValue("text") && !keyDocument.containsKey("_fts")) {
            return textIndex(spec, keyDocument);
        }
        if (keyDocument.containsValue("2dsphere")) {
            spec.putIfAbsent("2dsphereIndexVersion", 3);
        }
        return spec;
    }

    private static Document textIndex(Document spec, Document key) {
        Document storedKey = new Document();
        Document weights = new Document();
        boolean ftsAdded = false;
        for (String field : key.keySet()) {
            if ("text".equals(key.get(field))) {
                weights.put(field, 1);
                if (!ftsAdded) {
                    storedKey.put("_fts", "text");
                    storedKey.put("_ftsx", 1);
                    ftsAdded = true;
                }
            } else {
                storedKey.put(field, key.get(field));
            }
        }
        if (spec.get("weights") instanceof Document given) {
            weights.putAll(given);
        }
        Document result = new Document("v", spec.get("v"));
        result.put("key", storedKey);
        result.put("name", spec.get("name"));
        List<String> textOptions =
                new ArrayList<>(
                        List.of(
                                "weights",
                                "default_language",
                                "language_override",
                                "textIndexVersion"));
        spec.forEach(
                (field, value) -> {
                    if (!result.containsKey(field) && !textOptions.contains(field)) {
                        result.put(field, value);
                    }
                });
        result.put("weights", weights);
        result.put("default_language", spec.getOrDefault("default_language", "english"));
        result.put("language_override", spec.getOrDefault("language_override", "language"));
        result.put("textIndexVersion", spec.getOrDefault("textIndexVersion", 3));
        return result;
    }

    /**
     * What mongo-java-server is given to build its own index: the key and name, plus {@code
     * unique}/{@code sparse} when it can enforce them (a partial unique index is only recorded).
     */
    public static Document storageDescription(Document spec, String namespace) {
        Document description =
                new Document("key", spec.get("key")).append("name", spec.get("name"));
        description.put("ns", namespace);
        boolean partial = spec.containsKey("partialFilterExpression");
        if (Boolean.TRUE.equals(truthy(spec.get("unique"))) && !partial) {
            description.put("unique", true);
            if (Boolean.TRUE.equals(truthy(spec.get("sparse")))) {
                description.put("sparse", true);
            }
        }
        return description;
    }

    /** Whether an option's value is true as MongoDB reads it (a boolean, or a non-zero number). */
    public static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(truthy(value));
    }

    /**
     * Whether the index refuses new duplicate keys without being unique yet ({@code prepareUnique:
     * true} on a non-unique index); see the MongoDB manual, "collMod".
     */
    public static boolean isPrepareUnique(Document spec) {
        return isTrue(spec.get("prepareUnique")) && !isTrue(spec.get("unique"));
    }

    /** The index's key fields with their direction, as mongo-java-server's indexes take them. */
    public static List<IndexKey> indexKeys(Document spec) {
        List<IndexKey> keys = new ArrayList<>();
        ((Document) spec.get("key"))
                .forEach(
                        (field, direction) ->
                                keys.add(
                                        new IndexKey(
                                                field,
                                                !(direction instanceof Number n
                                                        && n.doubleValue() < 0))));
        return keys;
    }

    private static Boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof Number n && n.doubleValue() != 0;
    }

    /** Whether two specifications describe the same index (ignoring {@code v}). */
    public static boolean sameIndex(Document a, Document b) {
        Document left = a.clone();
        Document right = b.clone();
        left.remove("v");
        right.remove("v");
        return left.equals(right);
    }
}
