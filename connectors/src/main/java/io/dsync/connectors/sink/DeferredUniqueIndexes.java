package io.dsync.connectors.sink;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The rule for unique secondary indexes while a migration runs: the destination gets them without
 * {@code unique} (every other part of the definition as the source lists it), and {@link
 * UniqueIndexFinalizer} makes them unique when the migration is finalized. Writes of different
 * documents are applied in parallel and out of source order, so a legitimate source history (a
 * value moved from one document to another) can pass through states the unique index refuses.
 */
public final class DeferredUniqueIndexes {

    static final String UNIQUE = "unique";

    private DeferredUniqueIndexes() {}

    /** Whether a {@code listIndexes} specification is a unique index. */
    public static boolean isUnique(BsonDocument spec) {
        BsonValue unique = spec.get(UNIQUE);
        if (unique == null) {
            return false;
        }
        if (unique.isBoolean()) {
            return unique.asBoolean().getValue();
        }
        return unique.isNumber() && unique.asNumber().doubleValue() != 0;
    }

    /** The specification the migration creates at the destination for a source index. */
    static BsonDocument duringMigration(BsonDocument sourceSpec) {
        if (!sourceSpec.containsKey(UNIQUE)) {
            return sourceSpec;
        }
        BsonDocument spec = sourceSpec.clone();
        spec.remove(UNIQUE);
        return spec;
    }
}
