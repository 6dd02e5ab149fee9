package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.dsync.job.cli.UserError;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection renamed or dropped on the source after it was listed and split, while its ranges are
 * still being read: the ranges read after it finds nothing. Counted as copied, they made the copy
 * "complete" (and the DDL gate would then approve the DDL) with every document of those ranges
 * missing at the destination. {@link HoldFirstCopy} holds the reader (one subtask) on the
 * collection's first copied document while the test renames or drops it, so the later ranges are
 * read after it; the job must stop with the message of a DDL during the copy. The copy-only mode
 * never sees the DDL event, so only the range reads can tell.
 */
class RenameDuringCopyITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private static final int DOCUMENTS = 3_000;

    @TempDir Path state;

    @Test
    void aRenameWhileTheRangesAreReadStopsTheJobInsteadOfCountingThemCopied() throws Exception {
        assertStopsWhenDuringCopy(
                "vanish_rename",
                a -> a.renameCollection(new MongoNamespace("vanish_rename", "b")),
                Mode.INITIAL_SYNC);
    }

    @Test
    void aDropWhileTheRangesAreReadStopsTheJobInsteadOfCountingThemCopied() throws Exception {
        assertStopsWhenDuringCopy("vanish_drop", MongoCollection::drop, Mode.INITIAL_SYNC);
    }

    @Test
    void aRenameWhileTheRangesAreReadStopsAFullMigration() throws Exception {
        assertStopsWhenDuringCopy(
                "vanish_full",
                a -> a.renameCollection(new MongoNamespace("vanish_full", "b")),
                Mode.FULL);
    }

    private void assertStopsWhenDuringCopy(
            String database, Consumer<MongoCollection<Document>> ddl, Mode mode) throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri())) {
            MongoCollection<Document> a = source.getDatabase(database).getCollection("a");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                documents.add(new Document("_id", i).append("payload", "x".repeat(200)));
            }
            a.insertMany(documents);
            MigrationSettings settings =
                    settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state.resolve(database))
                            .includes(List.of(database))
                            .mode(mode)
                            .parallelism(1)
                            .rangeBytes(64 * 1024)
                            .build();
            try (LocalMigration migration =
                    new MigrationRunner(settings, quietOutput())
                            .withProbe(new HoldFirstCopy(database + ".a"))
                            .start()) {
                HoldFirstCopy.held.await();
                ddl.accept(a);
                HoldFirstCopy.released.countDown();
                assertThatThrownBy(migration::awaitSuccess)
                        .isInstanceOf(UserError.class)
                        .hasMessageContaining(database + ".a was")
                        .hasMessageContaining("still being copied");
            } finally {
                HoldFirstCopy.released.countDown();
            }
        }
    }
}
