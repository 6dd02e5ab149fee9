package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 2: a DDL replayed after a restore is idempotent. The job restarts from a savepoint
 * taken before a rename was applied, after the application had already created a new collection
 * under the old name: the replayed rename must neither drop the renamed collection nor put the new
 * one in its place.
 */
class DdlReplayITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @TempDir Path state;

    @Test
    void aRenameReplayedFromBeforeItKeepsTheRenamedCollectionAndTheNewOne() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            MongoDatabase db = source.getDatabase("ddl_replay");
            TestData.insertMixedIds(db.getCollection("logs"), 300);
            MigrationSettings.Builder settings =
                    settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                            .includes(List.of("ddl_replay"));
            String beforeRename;
            try (LocalMigration migration =
                    new MigrationRunner(settings.build(), quietOutput()).start()) {
                awaitSnapshotComplete(migration);
                awaitCaughtUp(migration, source);
                beforeRename = migration.stopWithSavepoint();
            }
            try (LocalMigration migration = restoredFrom(settings, beforeRename)) {
                db.getCollection("logs")
                        .renameCollection(new MongoNamespace("ddl_replay", "logs_2024"));
                for (int i = 0; i < 20; i++) {
                    db.getCollection("logs").insertOne(new Document("_id", "new-" + i));
                }
                awaitCaughtUp(migration, source);
                migration.cancel();
            }
            DatabaseAssertions.assertIdentical(source, destination, List.of("ddl_replay"));

            // Restored from before the rename again: the rename is replayed, then the new logs.
            try (LocalMigration migration = restoredFrom(settings, beforeRename)) {
                awaitCaughtUp(migration, source);
            }
            assertThat(
                            destination
                                    .getDatabase("ddl_replay")
                                    .getCollection("logs_2024")
                                    .countDocuments())
                    .as("documents of the renamed collection")
                    .isEqualTo(300);
            DatabaseAssertions.assertIdentical(source, destination, List.of("ddl_replay"));
        }
    }

    private static LocalMigration restoredFrom(MigrationSettings.Builder settings, String savepoint)
            throws Exception {
        return new MigrationRunner(
                        settings.resume(false)
                                .fromSavepoint(Path.of(URI.create(savepoint)))
                                .build(),
                        quietOutput())
                .start();
    }
}
