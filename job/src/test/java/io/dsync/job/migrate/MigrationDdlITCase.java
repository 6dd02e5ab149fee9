package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.job.cli.UserError;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Drops, renames and dropDatabase on the source are applied to the destination in order. */
class MigrationDdlITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @TempDir Path state;

    @Test
    void appliesDropRenameAndDropDatabaseInStreamOrder() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            TestData.insertMixedIds(source.getDatabase("ddl_a").getCollection("renamed"), 200);
            TestData.insertMixedIds(source.getDatabase("ddl_a").getCollection("dropped"), 100);
            TestData.insertMixedIds(source.getDatabase("ddl_a").getCollection("kept"), 100);
            TestData.insertMixedIds(source.getDatabase("ddl_gone").getCollection("c"), 50);
            MigrationSettings settings =
                    settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                            .includes(List.of("ddl_a", "ddl_gone"))
                            .build();
            try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
                awaitSnapshotComplete(migration);
                source.getDatabase("ddl_a")
                        .getCollection("renamed")
                        .renameCollection(new MongoNamespace("ddl_a", "renamed_v2"));
                source.getDatabase("ddl_a")
                        .getCollection("renamed_v2")
                        .insertOne(new Document("_id", "after-rename"));
                source.getDatabase("ddl_a").getCollection("dropped").drop();
                // Re-created after the drop: only the new document may exist at the end.
                source.getDatabase("ddl_a")
                        .getCollection("dropped")
                        .insertOne(new Document("_id", "reborn"));
                source.getDatabase("ddl_gone").drop();
                source.getDatabase("ddl_a")
                        .getCollection("kept")
                        .insertOne(new Document("_id", "last"));
                awaitCaughtUp(migration, source);
            }
            DatabaseAssertions.assertIdentical(source, destination, List.of("ddl_a"));
            assertThat(DatabaseAssertions.collections(destination, "ddl_a"))
                    .containsExactlyInAnyOrder("renamed_v2", "dropped", "kept");
            assertThat(destination.listDatabaseNames()).doesNotContain("ddl_gone");
        }
    }

    @Test
    void aDropDuringTheCopyOfThatCollectionStopsTheJobWithAClearMessage() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri())) {
            TestData.insertMixedIds(source.getDatabase("ddl_copy").getCollection("big"), 3_000);
            MigrationSettings settings =
                    settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state.resolve("2"))
                            .includes(List.of("ddl_copy"))
                            .build();
            try (LocalMigration migration =
                    new MigrationRunner(settings, quietOutput())
                            .withProbe(FailOnce.slowSnapshot(2))
                            .start()) {
                while (FailOnce.SEEN.get() < 50) {
                    Thread.sleep(20);
                }
                source.getDatabase("ddl_copy").getCollection("big").drop();
                assertThatThrownBy(migration::awaitSuccess)
                        .isInstanceOf(UserError.class)
                        .hasMessageContaining("ddl_copy.big was dropped on the source")
                        .hasMessageContaining("still being copied");
            }
        }
    }
}
