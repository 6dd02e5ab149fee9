package io.dsync.connectors.sink;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.RenameCollectionOptions;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the source's collection-level DDL (drop, dropDatabase, rename) to the destination through
 * the {@link NamespaceMapping}. Every operation is idempotent, because after a restart Flink
 * replays events since the last checkpoint: dropping what is gone is fine, and a rename whose
 * source is gone is taken as already applied.
 */
public final class DdlApplier {

    private static final Logger LOG = LoggerFactory.getLogger(DdlApplier.class);

    private static final int NAMESPACE_NOT_FOUND = 26;

    private final MongoClient destination;
    private final NamespaceMapping mapping;

    public DdlApplier(MongoClient destination, NamespaceMapping mapping) {
        this.destination = destination;
        this.mapping = mapping;
    }

    /** Drops the destination of a dropped source collection (nothing if it is gone already). */
    public void dropCollection(Namespace source) {
        drop(mapping.map(source));
    }

    /**
     * Drops what a dropped source database was written to: every collection of the mapped
     * destination database that maps back from this source database, and the destinations of the
     * source database's collection rules. Destination collections written by other sources (a
     * collection rule from another database into the same destination database) are kept.
     *
     * @see <a href="https://www.mongodb.com/docs/manual/reference/change-events/dropDatabase/">
     *     dropDatabase event</a>
     */
    public void dropDatabase(String sourceDatabase) {
        String targetDatabase = mapping.mapDatabase(sourceDatabase);
        for (String collection : destination.getDatabase(targetDatabase).listCollectionNames()) {
            Namespace target = new Namespace(targetDatabase, collection);
            if (collection.startsWith("system.")) {
                continue;
            }
            boolean fromThisDatabase =
                    mapping.map(new Namespace(sourceDatabase, collection)).equals(target);
            boolean fromAnotherSource =
                    mapping.collectionRules().entrySet().stream()
                            .anyMatch(
                                    rule ->
                                            rule.getValue().equals(target)
                                                    && !rule.getKey()
                                                            .database()
                                                            .equals(sourceDatabase));
            if (fromThisDatabase && !fromAnotherSource) {
                drop(target);
            }
        }
        for (Map.Entry<Namespace, Namespace> rule : mapping.collectionRules().entrySet()) {
            if (rule.getKey().database().equals(sourceDatabase)) {
                drop(rule.getValue());
            }
        }
    }

    /**
     * Renames the destination of {@code from} to the destination of {@code to}.
     *
     * <ul>
     *   <li>destination of {@code from} missing: already applied (or nothing was ever written),
     *       done;
     *   <li>destination of {@code to} missing: rename;
     *   <li>both exist and the source rename did not drop a target: the source's {@code to} did not
     *       exist at rename time, so the destination's {@code to} can only come from this rename
     *       already applied (and {@code from} was created again since): done;
     *   <li>both exist and the source rename dropped its target: rename with {@code dropTarget}.
     * </ul>
     *
     * @param dropTarget whether the source rename replaced an existing {@code to} (the rename
     *     event's {@code operationDescription.dropTarget} is present)
     * @see <a href="https://www.mongodb.com/docs/manual/reference/change-events/rename/">rename
     *     event</a>
     */
    public void rename(Namespace from, Namespace to, boolean dropTarget) {
        Namespace targetFrom = mapping.map(from);
        Namespace targetTo = mapping.map(to);
        if (targetFrom.equals(targetTo)) {
            return;
        }
        if (!exists(targetFrom)) {
            LOG.info("Rename {} -> {}: {} is gone, already applied", from, to, targetFrom);
            return;
        }
        boolean targetExists = exists(targetTo);
        if (targetExists && !dropTarget) {
            LOG.info(
                    "Rename {} -> {}: {} exists already, taking the rename as applied",
                    from,
                    to,
                    targetTo);
            return;
        }
        try {
            destination
                    .getDatabase(targetFrom.database())
                    .getCollection(targetFrom.collection())
                    .renameCollection(
                            new MongoNamespace(targetTo.database(), targetTo.collection()),
                            new RenameCollectionOptions().dropTarget(targetExists));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == NAMESPACE_NOT_FOUND) {
                return; // renamed or dropped concurrently
            }
            throw e;
        }
        LOG.info("Renamed {} to {} (source rename {} -> {})", targetFrom, targetTo, from, to);
    }

    private boolean exists(Namespace namespace) {
        return DestinationSchema.collectionInfo(destination, namespace) != null;
    }

    private void drop(Namespace target) {
        destination.getDatabase(target.database()).getCollection(target.collection()).drop();
        LOG.info("Dropped {} at the destination", target);
    }
}
