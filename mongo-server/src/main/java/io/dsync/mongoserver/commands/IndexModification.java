package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.catalog.CollectionMetadata;
import java.util.Optional;

/**
 * The {@code index} part of {@code collMod}: changes {@code hidden} or {@code expireAfterSeconds}
 * of an index named by {@code name} or {@code keyPattern}, reporting old and new values. See the
 * MongoDB manual, "collMod".
 */
final class IndexModification {

    private IndexModification() {}

    static void apply(CollectionMetadata metadata, Document change, Document reply) {
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
}
