package io.dsync.connectors.source;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.catalog.CollectionInfo;
import io.dsync.connectors.source.catalog.SourceCatalog;
import java.util.Objects;
import java.util.UUID;

/**
 * Whether the collection a range was read from is still the collection that was listed, checked
 * when the range's read ends (and when its namespace is split). A collection renamed, dropped or
 * replaced (dropped and created again, or another renamed onto its name) while its ranges were
 * still being read gives empty or foreign reads: counted as copied, its copy would be "complete"
 * and the DDL gate would approve the DDL, losing every document of the ranges read after it. The
 * migration stops instead, as for any DDL on a collection still being copied.
 *
 * <p>Identity is the UUID {@code listCollections} reports in {@code info.uuid}
 * (https://www.mongodb.com/docs/manual/reference/command/listCollections/#output). A server that
 * reports none (Cosmos DB, some DocumentDB versions) is checked for the collection's existence
 * only: a collection dropped or renamed away is caught, one replaced by a namesake is not.
 */
final class CopiedCollectionCheck {

    private CopiedCollectionCheck() {}

    /**
     * The UUID to hold {@code ns}'s ranges to: the one listed, or (when the listing is not known,
     * e.g. after a restore) the current one; {@code null} where the server reports none.
     *
     * @throws org.apache.flink.runtime.execution.SuppressRestartsException when the collection is
     *     gone or was replaced since it was listed
     */
    static UUID atSplit(MongoClient client, Namespace ns, UUID listed) {
        CollectionInfo now = SourceCatalog.find(client, ns);
        if (now == null || (listed != null && !Objects.equals(listed, now.uuid().orElse(null)))) {
            throw stopped(ns, now == null);
        }
        return now.uuid().orElse(null);
    }

    /**
     * Called when the read of {@code split} found no more documents: the range counts as copied
     * only if its collection is still the one listed.
     */
    static void afterRange(MongoClient client, SnapshotSplit split) {
        Namespace ns = split.range().namespace();
        CollectionInfo now = SourceCatalog.find(client, ns);
        UUID expected = split.collectionUuid();
        if (now == null || (expected != null && !expected.equals(now.uuid().orElse(null)))) {
            throw stopped(ns, now == null);
        }
    }

    private static RuntimeException stopped(Namespace ns, boolean gone) {
        return MigrationStoppedException.fatal(
                new MigrationStoppedException(
                        "collection "
                                + ns
                                + (gone
                                        ? " was dropped or renamed on the source"
                                        : " was replaced by another collection on the source")
                                + " while "
                                + ns
                                + " was still being copied; dsync cannot apply it safely."
                                + " Start the migration again (fresh) once the source's schema"
                                + " is stable"));
    }
}
