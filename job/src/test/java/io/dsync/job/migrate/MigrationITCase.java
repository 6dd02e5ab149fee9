package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.dsync.job.status.StatusSnapshot;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration job end to end over TCP: embedded source and destination servers, the job in a
 * local Flink MiniCluster, an application writing to the source during the copy and after it.
 */
class MigrationITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS);

    @TempDir Path state;

    private final MongoClient source = CLIENTS.source();
    private final MongoClient destination = CLIENTS.destination();

    @Test
    void copiesAndFollowsWhileTheSourceIsWrittenTo() throws Exception {
        MongoCollection<Document> mixed = source.getDatabase("full_a").getCollection("mixed");
        TestData.insertMixedIds(mixed, 3_000);
        TestData.createIndexes(mixed);
        TestData.insertEveryType(source.getDatabase("full_a").getCollection("types"));
        TestData.insertMixedIds(source.getDatabase("full_b").getCollection("events"), 1_000);
        int corpus = TestData.insertBsonCorpus(source, "full_c");
        List<String> written = List.of("full_a.mixed", "full_b.events", "full_b.created_later");

        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("full_*"))
                        .rangeBytes(32 * 1024)
                        .build();
        try (SourceWriter writer = new SourceWriter(source, written, 1).start();
                LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            // the writer also deletes some of the 3,000 documents while they are copied
            awaitNamespaceLine(migration, "full_a.mixed", 2_500);
            writer.close();
            assertThat(writer.operations()).isPositive();
            new SourceWriter(source, written, 2).write(300);
            awaitCaughtUp(migration, source);
        }
        // the cutover: writes stopped, the job stopped, then the unique indexes are finalized
        new Finalization(
                        SERVERS.sourceUri(),
                        SERVERS.destinationUri(),
                        List.of("full_*"),
                        List.of(),
                        List.of())
                .run(quietOutput());
        DatabaseAssertions.assertIdentical(
                source, destination, List.of("full_a", "full_b", "full_c"));
        if (corpus == 0) {
            System.err.println(
                    "BSON corpus absent (" + TestData.BSON_CORPUS + "): skipped that part");
        }
    }

    /**
     * The live view's line of a namespace (from the per-namespace REST metrics) shows at least
     * {@code documents} copied and every one of its several ranges finished.
     */
    private static void awaitNamespaceLine(
            LocalMigration migration, String namespace, long documents) throws Exception {
        MigrationStatus status = new MigrationStatus(migration, quietOutput());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        StatusSnapshot.NamespaceLine line = null;
        while (System.nanoTime() < deadline) {
            line =
                    status.snapshot().namespaces().stream()
                            .filter(l -> l.namespace().equals(namespace))
                            .findFirst()
                            .orElse(null);
            if (line != null
                    && line.copied() >= documents
                    && line.rangesTotal() > 1
                    && line.rangesFinished() == line.rangesTotal()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the live view's line of " + namespace + " stayed " + line);
    }

    @Test
    void renamesWithMapAndCopiesOnlyTheSelection() throws Exception {
        TestData.insertMixedIds(source.getDatabase("map_sales").getCollection("orders"), 500);
        TestData.insertMixedIds(source.getDatabase("map_sales").getCollection("returns"), 200);
        TestData.insertMixedIds(source.getDatabase("map_other").getCollection("skipped"), 50);

        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("map_sales"))
                        .maps(
                                List.of(
                                        "map_sales:map_sales_v2",
                                        "map_sales.returns:map_archive.returns_2024"))
                        .build();
        try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            new SourceWriter(source, List.of("map_sales.orders", "map_sales.returns"), 3)
                    .write(200);
            awaitCaughtUp(migration, source);
        }
        DatabaseAssertions.assertSameDocuments(
                source, destination, "map_sales", "orders", "map_sales_v2", "orders");
        DatabaseAssertions.assertSameDocuments(
                source, destination, "map_sales", "returns", "map_archive", "returns_2024");
        assertThat(destination.listDatabaseNames()).doesNotContain("map_other", "map_sales");
    }

    @Test
    void initialSyncModeCopiesCollectionOptionsAndIndexesBeforeTheCopyAndEnds() throws Exception {
        MongoCollection<Document> c = source.getDatabase("once").getCollection("c");
        TestData.insertMixedIds(c, 1_000);
        TestData.createIndexes(c);
        source.getDatabase("once")
                .createCollection(
                        "capped",
                        new com.mongodb.client.model.CreateCollectionOptions()
                                .capped(true)
                                .sizeInBytes(1 << 20)
                                .maxDocuments(500));
        source.getDatabase("once")
                .createCollection(
                        "validated",
                        new com.mongodb.client.model.CreateCollectionOptions()
                                .validationOptions(
                                        new com.mongodb.client.model.ValidationOptions()
                                                .validator(
                                                        new Document(
                                                                "n",
                                                                new Document("$type", "int")))));
        source.getDatabase("once").getCollection("capped").insertOne(new Document("_id", 1));
        source.getDatabase("once")
                .getCollection("validated")
                .insertOne(new Document("_id", 1).append("n", 1));
        source.getDatabase("once")
                .createView("a_view", "c", List.of(new Document("$match", new Document("i", 1))));
        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("once"))
                        .mode(Mode.INITIAL_SYNC)
                        .indexCopyMode(io.dsync.connectors.source.IndexCopyMode.BEFORE_COPY)
                        .rangeBytes(16 * 1024)
                        .build();
        try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            migration.awaitSuccess();
            // the tasks have ended: the status still has their final figures, exactly
            assertThat(new MigrationStatus(migration, quietOutput()).figures())
                    .containsEntry("dsync.snapshotComplete", 1.0)
                    .containsEntry("dsync.snapshotDocumentsRead", 1_002.0)
                    .containsEntry("documentsWritten", 1_002.0);
        }
        for (String collection : List.of("c", "capped", "validated")) {
            DatabaseAssertions.assertSameDocuments(
                    source, destination, "once", collection, "once", collection);
            assertThat(DatabaseAssertions.options(destination, "once", collection))
                    .as("options of once.%s", collection)
                    .isEqualTo(DatabaseAssertions.options(source, "once", collection));
        }
        assertThat(
                        destination
                                .getDatabase("once")
                                .getCollection("c")
                                .listIndexes()
                                .into(new java.util.ArrayList<>()))
                .hasSize(5);
        assertThat(DatabaseAssertions.collections(destination, "once")).doesNotContain("a_view");
    }

    @Test
    void cdcModeFollowsChangesOnlyAndAcceptsANonEmptyDestination() throws Exception {
        MongoCollection<Document> c = source.getDatabase("cdc_only").getCollection("c");
        c.insertOne(new Document("_id", "before-start").append("v", 0));
        destination
                .getDatabase("cdc_only")
                .getCollection("c")
                .insertOne(new Document("_id", "already-there"));
        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("cdc_only"))
                        .mode(Mode.CDC)
                        .build();
        try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            c.insertOne(new Document("_id", "after-start").append("v", 1));
            c.updateOne(
                    new Document("_id", "before-start"),
                    new Document("$set", new Document("v", 2)));
            awaitCaughtUp(migration, source);
        }
        MongoCollection<Document> copied = destination.getDatabase("cdc_only").getCollection("c");
        assertThat(copied.find().into(new java.util.ArrayList<>()))
                .extracting(d -> d.get("_id"))
                .containsExactlyInAnyOrder("already-there", "after-start", "before-start");
        assertThat(copied.find(new Document("_id", "before-start")).first().getInteger("v"))
                .isEqualTo(2);
    }

    @Test
    void indexesNoneCopiesNoSecondaryIndex() throws Exception {
        MongoCollection<Document> c = source.getDatabase("noidx").getCollection("c");
        TestData.insertMixedIds(c, 100);
        TestData.createIndexes(c);
        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("noidx"))
                        .mode(Mode.INITIAL_SYNC)
                        .indexCopyMode(io.dsync.connectors.source.IndexCopyMode.NONE)
                        .build();
        try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            migration.awaitSuccess();
        }
        DatabaseAssertions.assertSameDocuments(source, destination, "noidx", "c", "noidx", "c");
        assertThat(
                        destination
                                .getDatabase("noidx")
                                .getCollection("c")
                                .listIndexes()
                                .into(new java.util.ArrayList<>()))
                .extracting(index -> index.getString("name"))
                .containsExactly("_id_");
    }
}
