package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.changestream.ShardKeys;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Case 10 of issue 16: on a sharded source, an update that changes a document's shard key moves it
 * to another shard and reaches the change stream as a delete and an insert, in either order. The
 * delete, filtered by its whole {@code documentKey} (shard key and {@code _id}), must not remove
 * the moved document, neither when applied last nor when replayed after a failure or a resume. The
 * source is an embedded server whose collection was given a shard key ({@code shardCollection}) and
 * which reports each move's pair in the order under test.
 */
class ShardKeyMoveITCase {

    private static final int DOCUMENTS = 40;

    @TempDir Path state;

    @ParameterizedTest
    @EnumSource(ShardKeys.MoveOrder.class)
    void aDocumentMovedBetweenShardsStaysAtTheDestination(ShardKeys.MoveOrder order)
            throws Exception {
        try (EmbeddedMongoServer sourceServer =
                        MongoTestServers.startEmbedded(
                                options -> options.shardKeyMoveOrder(order));
                EmbeddedMongoServer destinationServer =
                        MongoTestServers.startEmbedded(options -> {});
                MongoClient source = MongoClients.create(sourceServer.connectionString());
                MongoClient destination =
                        MongoClients.create(destinationServer.connectionString())) {
            source.getDatabase("admin")
                    .runCommand(
                            new Document("shardCollection", "shop.orders")
                                    .append("key", new Document("region", 1)));
            MongoCollection<Document> orders = source.getDatabase("shop").getCollection("orders");
            for (int i = 0; i < DOCUMENTS; i++) {
                orders.insertOne(new Document("_id", i).append("region", "eu").append("n", i));
            }
            MigrationSettings.Builder settings =
                    settings(
                                    sourceServer.connectionString(),
                                    destinationServer.connectionString(),
                                    state)
                            .includes(List.of("shop"));
            try (LocalMigration migration =
                    new MigrationRunner(settings.build(), quietOutput())
                            // fails once in the middle of the moves: the restart replays them
                            .withProbe(FailOnce.afterChangeEvents(DOCUMENTS + DOCUMENTS / 2))
                            .start()) {
                awaitSnapshotComplete(migration);
                move(orders, 1, "us");
                awaitCaughtUp(migration, source);
                assertThat(FailOnce.FAILED.get()).as("the injected failure happened").isTrue();
                migration.stopWithSavepoint();
            }
            move(orders, 2, "ap"); // while the job is stopped
            try (LocalMigration resumed =
                    new MigrationRunner(settings.resume(true).build(), quietOutput()).start()) {
                awaitCaughtUp(resumed, source);
            }
            assertThat(destination.getDatabase("shop").getCollection("orders").countDocuments())
                    .isEqualTo(DOCUMENTS);
            DatabaseAssertions.assertIdentical(source, destination, List.of("shop"));
        }
    }

    /** Moves every {@code step}-th document to the shard of {@code region}. */
    private static void move(MongoCollection<Document> orders, int step, String region) {
        for (int i = 0; i < DOCUMENTS; i += step) {
            orders.updateOne(Filters.eq("_id", i), Updates.set("region", region));
        }
    }
}
