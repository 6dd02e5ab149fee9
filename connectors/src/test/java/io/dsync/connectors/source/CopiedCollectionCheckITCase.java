package io.dsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.connectors.source.snapshot.IdRange;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.UUID;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A range counts as copied only while its collection is the one listed: the same UUID (where the
 * server reports one), or at least still there. A collection renamed, dropped or replaced between
 * the listing and the splitting, or before a range's read ended, stops the migration.
 */
class CopiedCollectionCheckITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private static final Namespace NS = Namespace.parse("vanish_check.a");

    private static UUID listedUuid(MongoClient client) {
        return SourceCatalog.find(client, NS).uuid().orElse(null);
    }

    private static SnapshotSplit split(UUID uuid) {
        return new SnapshotSplit(IdRange.whole(NS, NS + "#0"), null, uuid);
    }

    @Test
    void theListedCollectionPassesAndARenamedOrReplacedOneStops() {
        try (MongoClient client = MongoClients.create(SERVERS.sourceUri())) {
            MongoDatabase db = client.getDatabase(NS.database());
            db.drop();
            db.getCollection("a").insertOne(new Document("_id", 1));
            UUID listed = listedUuid(client);

            assertThat(CopiedCollectionCheck.atSplit(client, NS, listed)).isEqualTo(listed);
            CopiedCollectionCheck.afterRange(client, split(listed));

            db.getCollection("a").renameCollection(new MongoNamespace(NS.database(), "b"));
            assertThatThrownBy(() -> CopiedCollectionCheck.afterRange(client, split(listed)))
                    .isInstanceOf(SuppressRestartsException.class)
                    .hasStackTraceContaining("vanish_check.a was dropped or renamed")
                    .hasStackTraceContaining("still being copied");
            assertThatThrownBy(() -> CopiedCollectionCheck.atSplit(client, NS, listed))
                    .isInstanceOf(SuppressRestartsException.class);

            // The application creates a new `a`: a namesake, not the collection that was listed.
            db.getCollection("a").insertOne(new Document("_id", 2));
            if (listed != null) {
                assertThatThrownBy(() -> CopiedCollectionCheck.afterRange(client, split(listed)))
                        .isInstanceOf(SuppressRestartsException.class)
                        .hasStackTraceContaining("was replaced by another collection");
                assertThatThrownBy(() -> CopiedCollectionCheck.atSplit(client, NS, listed))
                        .isInstanceOf(SuppressRestartsException.class);
            }
            // Without a listed UUID (a server that reports none, or a restore before splitting)
            // only the existence can be checked.
            CopiedCollectionCheck.afterRange(client, split(null));
            assertThat(CopiedCollectionCheck.atSplit(client, NS, null))
                    .isEqualTo(listedUuid(client));
        }
    }
}
