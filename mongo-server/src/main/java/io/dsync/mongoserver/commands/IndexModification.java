package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.DetailedServerError;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.backend.DsyncDatabase;
import io.dsync.mongoserver.catalog.CollectionMetadata;
import io.dsync.mongoserver.catalog.IndexSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code index} part of {@code collMod}: changes {@code hidden} or {@code expireAfterSeconds}
 * of an index named by {@code name} or {@code keyPattern}, reporting old and new values; sets
 * {@code prepareUnique} (the index refuses new duplicate keys, existing ones stay) and converts a
 * {@code prepareUnique} index to {@code unique} (CannotConvertIndexToUnique, 359, with the {@code
 * _id}s of the documents that share a key as {@code violations}, when there are duplicates; with
 * {@code dryRun: true} only that check). See the MongoDB manual, "collMod"
 * (https://www.mongodb.com/docs/manual/reference/command/collMod/) and "Convert an Existing Index
 * to a Unique Index" (https://www.mongodb.com/docs/manual/core/index-unique/convert-to-unique/).
 */
final class IndexModification {

    static final int INVALID_OPTIONS = 72;
    static final int CANNOT_CONVERT_INDEX_TO_UNIQUE = 359;

    private IndexModification() {}

    static void apply(
            DsyncDatabase database,
            DsyncCollection collection,
            Document change,
            boolean dryRun,
            Document reply) {
        CollectionMetadata metadata = collection.metadata();
        Optional<Document> index;
        if (change.get("name") instanceof String name) {
            index = metadata.index(name);
        } else if (change.get("keyPattern") instanceof Document keyPattern) {
            index =
                    metadata.indexes().stream()
                            .filter(i -> HintResolver.sameKey((Document) i.get("key"), keyPattern))
                            .findFirst()
                            .flatMap(i -> metadata.index((String) i.get("name")));
        } else {
            throw new MongoServerError(
                    2, "BadValue", "collMod index must name the index by 'name' or 'keyPattern'");
        }
        Document spec =
                index.orElseThrow(
                        () ->
                                new MongoServerError(
                                        27, "IndexNotFound", "cannot find index " + change));
        if (dryRun && !IndexSpecs.isTrue(change.get("unique"))) {
            throw new MongoServerError(
                    INVALID_OPTIONS,
                    "InvalidOptions",
                    "collMod does not support dryRun mode with the requested options");
        }
        if (change.containsKey("unique")) {
            convertToUnique(database, collection, spec, change, dryRun, reply);
            return;
        }
        if (change.containsKey("prepareUnique")) {
            prepareUnique(database, collection, spec, change, reply);
        }
        for (String option : new String[] {"hidden", "expireAfterSeconds"}) {
            if (change.containsKey(option)) {
                Object old = spec.get(option);
                reply.put(option + "_old", old == null && "hidden".equals(option) ? false : old);
                if ("hidden".equals(option) && Boolean.FALSE.equals(change.get(option))) {
                    spec.remove(option); // MongoDB lists only hidden indexes with the field
                } else {
                    spec.put(option, change.get(option));
                }
                reply.put(option + "_new", change.get(option));
            }
        }
    }

    /** {@code prepareUnique: true|false}: stored in the specification like any option. */
    private static void prepareUnique(
            DsyncDatabase database,
            DsyncCollection collection,
            Document spec,
            Document change,
            Document reply) {
        boolean wanted = IndexSpecs.isTrue(change.get("prepareUnique"));
        boolean was = IndexSpecs.isTrue(spec.get("prepareUnique"));
        if (IndexSpecs.isTrue(spec.get("unique")) || wanted == was) {
            return; // a unique index, or nothing to change: MongoDB reports nothing
        }
        if (wanted) {
            spec.put("prepareUnique", true);
        } else {
            spec.remove("prepareUnique");
        }
        database.rebuildIndex(collection, spec);
        reply.put("prepareUnique_old", was);
        reply.put("prepareUnique_new", wanted);
    }

    /**
     * {@code unique: true}: needs {@code prepareUnique} set first; fails with the violations when
     * documents share a key. A converted index lists {@code unique: true} after its other options,
     * without {@code prepareUnique}.
     */
    private static void convertToUnique(
            DsyncDatabase database,
            DsyncCollection collection,
            Document spec,
            Document change,
            boolean dryRun,
            Document reply) {
        if (!IndexSpecs.isTrue(change.get("unique"))) {
            throw new MongoServerError(
                    2, "BadValue", "collMod cannot make an index non-unique in this version");
        }
        if (IndexSpecs.isTrue(spec.get("unique"))) {
            return;
        }
        if (!IndexSpecs.isTrue(spec.get("prepareUnique"))) {
            throw new MongoServerError(
                    INVALID_OPTIONS,
                    "InvalidOptions",
                    "Cannot make index unique with 'prepareUnique=false'. Run collMod to set it"
                            + " first.");
        }
        List<List<Object>> violations =
                database.uniqueViolations(collection, (String) spec.get("name"));
        if (!violations.isEmpty()) {
            List<Document> listed = new ArrayList<>();
            for (List<Object> ids : violations) {
                listed.add(new Document("ids", ids));
            }
            throw new DetailedServerError(
                    CANNOT_CONVERT_INDEX_TO_UNIQUE,
                    "CannotConvertIndexToUnique",
                    "Cannot convert the index to unique. Please resolve conflicting documents"
                            + " before running collMod again.",
                    new Document("violations", listed));
        }
        if (dryRun) {
            return;
        }
        spec.remove("prepareUnique");
        spec.put("unique", true);
        database.rebuildIndex(collection, spec);
        reply.put("unique_new", true);
    }
}
