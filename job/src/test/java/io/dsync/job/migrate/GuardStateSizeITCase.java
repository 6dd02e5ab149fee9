package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.TIMEOUT;
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
import io.dsync.mongoserver.testing.MongoTestServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 7: the race guard's state must not grow with every change ever followed. It keeps
 * flags only while a namespace's copy can still deliver copies; once the whole copy is durable it
 * keeps none, however many changes follow. The state is read out of savepoints with the State
 * Processor API. A savepoint of dsync before this change (flags only, no broadcast state) restores,
 * and its flags are gone once the copy's marker comes again.
 */
class GuardStateSizeITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @TempDir Path state;

    @Test
    void guardStateHoldsNoFlagsAfterTheCopyWhateverNumberOfChangesFollows() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            MongoCollection<Document> collection = seed(source, destination);
            String savepoint;
            try (LocalMigration migration = start(null)) {
                changeDuringTheCopy(collection);
                awaitSnapshotComplete(migration);
                awaitGuardKeepsNoFlags(migration);
                changeMany(collection, 0);
                awaitCaughtUp(migration, source);
                savepoint = migration.stopWithSavepoint();
            }

            assertThat(GuardState.flagCount(savepoint))
                    .as("flags kept after 6,000 changes that followed the copy")
                    .isZero();
            assertThat(GuardState.copyDurableNamespaces(savepoint)).containsExactly("*");
            DatabaseAssertions.assertIdentical(source, destination, List.of("grow"));
        }
    }

    @Test
    void guardStateOfAnEarlierDsyncSavepointIsClearedAfterResume() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            MongoCollection<Document> collection = seed(source, destination);
            String savepoint;
            try (LocalMigration migration = start(null)) {
                awaitSnapshotComplete(migration);
                awaitCaughtUp(migration, source);
                savepoint = migration.stopWithSavepoint();
            }
            List<String> oldFlags = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                oldFlags.add("grow.c\0earlier-" + i);
            }
            String earlier = state.resolve("earlier-savepoint").toUri().toString();
            GuardState.rewriteAsEarlierDsync(savepoint, oldFlags, earlier);
            assertThat(GuardState.flagCount(earlier)).isEqualTo(500);
            assertThat(GuardState.copyDurableNamespaces(earlier)).isEmpty();

            String resumed;
            try (LocalMigration migration = start(Path.of(URI.create(earlier)))) {
                awaitGuardKeepsNoFlags(migration);
                changeMany(collection, 10_000);
                awaitCaughtUp(migration, source);
                resumed = migration.stopWithSavepoint();
            }

            assertThat(GuardState.flagCount(resumed))
                    .as("flags kept after resuming from an earlier dsync's savepoint")
                    .isZero();
            DatabaseAssertions.assertIdentical(source, destination, List.of("grow"));
        }
    }

    @Test
    void guardStateHoldsNoFlagsWhenThereIsNoCopy() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            MongoCollection<Document> collection = seed(source, destination);
            String savepoint;
            try (LocalMigration migration =
                    new MigrationRunner(
                                    settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                                            .includes(List.of("grow"))
                                            .mode(Mode.CDC)
                                            .build(),
                                    quietOutput())
                            .start()) {
                awaitGuardKeepsNoFlags(migration);
                changeMany(collection, 20_000);
                awaitCaughtUp(migration, source);
                savepoint = migration.stopWithSavepoint();
            }

            assertThat(GuardState.flagCount(savepoint))
                    .as("flags kept by --mode cdc after 6,000 changes")
                    .isZero();
            assertThat(destination.getDatabase("grow").getCollection("c").countDocuments())
                    .as("updated documents (their looked-up state) and inserted ones still there")
                    .isEqualTo(2_000);
        }
    }

    private static MongoCollection<Document> seed(MongoClient source, MongoClient destination) {
        source.getDatabase("grow").drop();
        destination.getDatabase("grow").drop();
        MongoCollection<Document> collection = source.getDatabase("grow").getCollection("c");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            docs.add(new Document("_id", i).append("v", 0).append("pad", "p".repeat(100)));
        }
        collection.insertMany(docs);
        return collection;
    }

    private LocalMigration start(Path fromSavepoint) throws Exception {
        MigrationSettings.Builder settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("grow"))
                        .rangeBytes(100_000);
        if (fromSavepoint != null) {
            settings.fromSavepoint(fromSavepoint);
        }
        return new MigrationRunner(settings.build(), quietOutput())
                .withProbe(FailOnce.slowSnapshot(1))
                .start();
    }

    /** Changes documents the slowed-down copy has not reached yet. */
    private static void changeDuringTheCopy(MongoCollection<Document> collection)
            throws InterruptedException {
        while (FailOnce.SEEN.get() < 100) {
            Thread.sleep(20);
        }
        for (int i = 2_500; i < 3_000; i += 5) {
            collection.updateOne(Filters.eq("_id", i), Updates.set("v", 1));
        }
    }

    /** 6,000 changes: 3 updates of every third document, inserts and deletes of new ones. */
    private static void changeMany(MongoCollection<Document> collection, int newIds) {
        for (int round = 2; round < 5; round++) {
            for (int i = 0; i < 3_000; i += 3) {
                collection.updateOne(Filters.eq("_id", i), Updates.set("v", round));
            }
        }
        for (int i = 0; i < 2_000; i++) {
            collection.insertOne(new Document("_id", 100_000 + newIds + i).append("v", 0));
        }
        for (int i = 0; i < 2_000; i += 2) {
            collection.deleteOne(Filters.eq("_id", 100_000 + newIds + i));
        }
    }

    /** Waits until every guard subtask knows the whole copy is durable and keeps no flags. */
    private static void awaitGuardKeepsNoFlags(LocalMigration migration) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (GuardState.guardFigures(migration).getOrDefault("copyDurable", 0.0) < 1.0) {
            if (!migration.isRunning()) {
                migration.awaitSuccess();
                throw new AssertionError("the migration ended before the copy was durable");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the guard never learned that the copy is durable");
            }
            Thread.sleep(100);
        }
    }
}
