package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.job.cli.UserError;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration stopped for longer than the source's oplog window cannot resume its change stream: it
 * must stop with a message that says so and what to do, never silently start from "now".
 */
class ResumeTokenExpiryITCase {

    @TempDir Path state;

    @Test
    void resumingFromATokenThatFellOffTheOplogFailsClearly() throws Exception {
        // A real MongoDB's oplog cannot be shrunk by a test: this one needs the embedded servers.
        try (EmbeddedMongoServer sourceServer =
                        MongoTestServers.startEmbedded(b -> b.retainedOplogEntries(100));
                EmbeddedMongoServer destinationServer = MongoTestServers.startEmbedded(b -> {});
                MongoClient source = MongoClients.create(sourceServer.connectionString())) {
            TestData.insertMixedIds(source.getDatabase("expiry").getCollection("c"), 50);
            MigrationSettings.Builder settings =
                    settings(
                                    sourceServer.connectionString(),
                                    destinationServer.connectionString(),
                                    state)
                            .includes(List.of("expiry"));
            try (LocalMigration migration =
                    new MigrationRunner(settings.build(), quietOutput()).start()) {
                awaitSnapshotComplete(migration);
                migration.stopWithSavepoint();
            }
            // While the job is stopped, the source writes more than its oplog keeps.
            new SourceWriter(source, List.of("expiry.c"), 21).write(300);

            try (LocalMigration resumed =
                    new MigrationRunner(settings.resume(true).build(), quietOutput()).start()) {
                assertThatThrownBy(resumed::awaitSuccess)
                        .isInstanceOf(UserError.class)
                        .hasMessageContaining("oplog")
                        .satisfies(
                                e -> assertThat(e.getMessage()).containsIgnoringCase("migration"));
            }
        }
    }
}
