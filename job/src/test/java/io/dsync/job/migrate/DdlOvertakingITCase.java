package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 1: a DDL takes effect exactly between the events before it and the events after
 * it, also when many earlier events still wait in the source reader's queue when the DDL is
 * fetched. The application writes while the job is stopped; the resumed job catches up, reading the
 * writes and the DDL in one go, while {@link SlowUntilGone} holds the reader back on the earlier
 * events for as long as their collection exists at the destination (a slow destination):
 * checkpoints are taken and complete meanwhile, and none of them may let the DDL overtake them.
 */
class DdlOvertakingITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private static final int QUEUED_EVENTS = 300;
    private static final long PAUSE_MILLIS = 20;

    @TempDir Path state;

    @Test
    void aDropQueuedBehindEarlierInsertsTakesEffectAfterThem() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            catchUpAfter(
                    source,
                    "ddl_over_drop",
                    "tmp",
                    db -> {
                        // The application fills a temporary collection and drops it.
                        insert(db.getCollection("tmp"), "t", QUEUED_EVENTS);
                        db.getCollection("tmp").drop();
                    });
            assertThat(SlowUntilGone.PASSED_AFTER_GONE.get())
                    .as("events of tmp emitted after the drop was applied")
                    .isZero();
            assertThat(DatabaseAssertions.collections(destination, "ddl_over_drop"))
                    .as("no insert made before the drop re-created tmp after it")
                    .containsExactly("kept");
            DatabaseAssertions.assertIdentical(source, destination, List.of("ddl_over_drop"));
        }
    }

    @Test
    void aRenameQueuedBehindEarlierInsertsTakesEffectAfterThem() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            catchUpAfter(
                    source,
                    "ddl_over_rename",
                    "a",
                    db -> {
                        // The application writes to a collection, then renames it.
                        insert(db.getCollection("a"), "a", QUEUED_EVENTS);
                        db.getCollection("a")
                                .renameCollection(new MongoNamespace("ddl_over_rename", "b"));
                    });
            assertThat(SlowUntilGone.PASSED_AFTER_GONE.get())
                    .as("events of a emitted after the rename was applied")
                    .isZero();
            assertThat(DatabaseAssertions.collections(destination, "ddl_over_rename"))
                    .as("no write made before the rename re-created a after it")
                    .containsExactlyInAnyOrder("kept", "b");
            DatabaseAssertions.assertIdentical(source, destination, List.of("ddl_over_rename"));
        }
    }

    /**
     * Copies {@code database} (a collection {@code kept} and {@code slowCollection}, one document
     * each), stops with a savepoint, lets {@code application} write, then resumes and catches up
     * with the reader held back on the events of {@code slowCollection}.
     */
    private void catchUpAfter(
            MongoClient source,
            String database,
            String slowCollection,
            Consumer<MongoDatabase> application)
            throws Exception {
        MongoDatabase db = source.getDatabase(database);
        db.getCollection("kept").insertOne(new Document("_id", "first"));
        db.getCollection(slowCollection).insertOne(new Document("_id", "copied"));
        MigrationSettings.Builder settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state.resolve(database))
                        .includes(List.of(database));
        String savepoint;
        try (LocalMigration migration =
                new MigrationRunner(settings.build(), quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            awaitCaughtUp(migration, source);
            savepoint = migration.stopWithSavepoint();
        }
        application.accept(db);
        db.getCollection("kept").insertOne(new Document("_id", "last"));
        try (LocalMigration migration =
                new MigrationRunner(
                                settings.fromSavepoint(Path.of(URI.create(savepoint))).build(),
                                quietOutput())
                        .withProbe(
                                new SlowUntilGone(
                                        SERVERS.destinationUri(),
                                        database + "." + slowCollection,
                                        PAUSE_MILLIS))
                        .start()) {
            awaitCaughtUp(migration, source);
        }
    }

    private static void insert(MongoCollection<Document> collection, String prefix, int n) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new Document("_id", prefix + i).append("payload", "x".repeat(100)));
        }
        collection.insertMany(batch);
    }
}
