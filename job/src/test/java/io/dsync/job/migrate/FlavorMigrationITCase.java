package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.connectors.flavor.Flavor;
import io.dsync.job.cli.UserError;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.flavor.ServerFlavor;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.verify.VerifyOptions;
import io.dsync.verify.VerifyRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations from and to the embedded server imitating Cosmos DB and DocumentDB, over TCP, with the
 * job in a MiniCluster: per-collection change streams, deletes emulation, 16500 throttling,
 * DocumentDB's change streams switched on per collection.
 */
class FlavorMigrationITCase {

    private static final List<String> COLLECTIONS = List.of("cos.a", "cos.b");

    @TempDir Path state;

    @Test
    void cosmosSourceWithDeletesEmulationEndsIdentical() throws Exception {
        try (EmbeddedMongoServer cosmos = cosmosSource();
                EmbeddedMongoServer mongo = MongoTestServers.startEmbedded(b -> {});
                MongoClient source = MongoClients.create(cosmos.connectionString());
                MongoClient destination = MongoClients.create(mongo.connectionString())) {
            seed(source);
            MigrationSettings settings =
                    settings(cosmos.connectionString(), mongo.connectionString(), state)
                            .includes(List.of("cos"))
                            .rangeBytes(16 * 1024)
                            .cosmosDeletesEmulation(true)
                            .deletesInterval(Duration.ofMillis(500))
                            .build();
            try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
                Set<String> deleted = writeWhileCopying(migration, source);
                assertThat(deleted).isNotEmpty();
                awaitCaughtUp(migration, source);
                awaitSameIds(source, destination);
                Map<String, Double> figures =
                        new MigrationStatus(migration, quietOutput()).figures();
                assertThat(figures.get("dsync.deletesEmulationDeletes")).isPositive();
                assertThat(figures.get("dsync.deletesEmulationNamespacesChecked")).isPositive();
            }
            List<BsonDocument> report = verify(cosmos, mongo);
            assertThat(report).isEmpty();
        }
    }

    @Test
    void cosmosSourceWithoutEmulationKeepsExactlyTheDeletedDocuments() throws Exception {
        Set<String> deleted;
        try (EmbeddedMongoServer cosmos = cosmosSource();
                EmbeddedMongoServer mongo = MongoTestServers.startEmbedded(b -> {});
                MongoClient source = MongoClients.create(cosmos.connectionString());
                MongoClient destination = MongoClients.create(mongo.connectionString())) {
            seed(source);
            MigrationSettings settings =
                    settings(cosmos.connectionString(), mongo.connectionString(), state)
                            .includes(List.of("cos"))
                            .build();
            try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
                deleted = writeWhileCopying(migration, source);
                awaitCaughtUp(migration, source);
            }
            Set<String> extra = new HashSet<>();
            for (String namespace : COLLECTIONS) {
                String[] parts = namespace.split("\\.");
                Set<String> at = ids(destination, parts[0], parts[1]);
                at.removeAll(ids(source, parts[0], parts[1]));
                extra.addAll(at);
            }
            assertThat(extra).isNotEmpty();
            assertThat(deleted).containsAll(extra);

            List<BsonDocument> report = verify(cosmos, mongo);
            Set<String> reported = new HashSet<>();
            for (BsonDocument line : report) {
                String kind = line.getString("kind").getValue();
                assertThat(kind).isIn("extra_on_destination", "count_different");
                if (kind.equals("extra_on_destination")) {
                    reported.add(line.get("_id").asObjectId().getValue().toHexString());
                }
            }
            assertThat(reported).isEqualTo(extra);
        }
    }

    @Test
    void throttlingDestinationIsWaitedForAndRetried() throws Exception {
        try (EmbeddedMongoServer mongo = MongoTestServers.startEmbedded(b -> {});
                EmbeddedMongoServer cosmos =
                        MongoTestServers.startEmbedded(
                                b -> b.flavor(ServerFlavor.COSMOS).throttleWritesAbove(1_500));
                MongoClient source = MongoClients.create(mongo.connectionString());
                MongoClient destination = MongoClients.create(cosmos.connectionString())) {
            seed(source);
            MigrationSettings settings =
                    settings(mongo.connectionString(), cosmos.connectionString(), state)
                            .includes(List.of("cos"))
                            .build();
            try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
                awaitSnapshotComplete(migration);
                updateEvery(source, 200);
                awaitCaughtUp(migration, source);
                Map<String, Double> figures =
                        new MigrationStatus(migration, quietOutput()).figures();
                assertThat(figures.get("writeRetries")).isPositive();
                assertThat(migration.isRunning()).isTrue();
            }
            DatabaseAssertions.assertIdentical(source, destination, List.of("cos"));
        }
    }

    @Test
    void documentDbSourceNeedsChangeStreamsOnEveryCollection() throws Exception {
        try (EmbeddedMongoServer documentDb =
                        MongoTestServers.startEmbedded(b -> b.flavor(ServerFlavor.DOCUMENTDB));
                EmbeddedMongoServer mongo = MongoTestServers.startEmbedded(b -> {});
                MongoClient source = MongoClients.create(documentDb.connectionString());
                MongoClient destination = MongoClients.create(mongo.connectionString())) {
            seed(source);
            enableChangeStreams(source, "cos", "a");
            MigrationSettings settings =
                    settings(documentDb.connectionString(), mongo.connectionString(), state)
                            .includes(List.of("cos"))
                            .maxOpenStreams(1) // two collections: their streams take turns
                            .build();
            assertThatThrownBy(() -> new MigrationRunner(settings, quietOutput()).start())
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("change streams are not enabled for collection cos.b")
                    .hasMessageContaining("modifyChangeStreams");

            enableChangeStreams(source, "cos", "b");
            try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
                Set<String> deleted = writeWhileCopying(migration, source);
                assertThat(deleted).isNotEmpty();
                awaitCaughtUp(migration, source);
            }
            DatabaseAssertions.assertIdentical(source, destination, List.of("cos"));
        }
    }

    @Test
    void deletesEmulationNeedsACosmosSource() {
        try (EmbeddedMongoServer mongo = MongoTestServers.startEmbedded(b -> {});
                EmbeddedMongoServer other = MongoTestServers.startEmbedded(b -> {})) {
            MigrationSettings settings =
                    settings(mongo.connectionString(), other.connectionString(), state)
                            .cosmosDeletesEmulation(true)
                            .build();
            assertThatThrownBy(() -> new MigrationRunner(settings, quietOutput()).start())
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("--cosmos-deletes-emulation is for a Cosmos DB source");
            MigrationSettings given =
                    settings(mongo.connectionString(), other.connectionString(), state)
                            .sourceFlavor(Flavor.COSMOS)
                            .startAt("1700000000")
                            .mode(Mode.CDC)
                            .build();
            assertThatThrownBy(() -> new MigrationRunner(given, quietOutput()).start())
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("--start-at is not supported");
        }
    }

    private static EmbeddedMongoServer cosmosSource() {
        return MongoTestServers.startEmbedded(b -> b.flavor(ServerFlavor.COSMOS));
    }

    /** 2,500 documents per collection, ObjectId _ids spread over a few hours. */
    private static void seed(MongoClient source) {
        long base = System.currentTimeMillis() - 10_000_000L;
        for (String namespace : COLLECTIONS) {
            String[] parts = namespace.split("\\.");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                documents.add(
                        new Document("_id", new ObjectId(new Date(base + i * 3_000L)))
                                .append("n", i)
                                .append("pad", "x".repeat(100)));
            }
            source.getDatabase(parts[0]).getCollection(parts[1]).insertMany(documents);
        }
    }

    /**
     * Inserts, updates, replaces and deletes on its own thread while the copy runs and a little
     * after; then touches every collection once more. Returns the hex _ids it deleted.
     */
    private static Set<String> writeWhileCopying(LocalMigration migration, MongoClient source)
            throws Exception {
        Set<String> deleted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread writer =
                new Thread(
                        () -> {
                            Random random = new Random(7);
                            try {
                                int done = 0;
                                while (running.get() || done < 300) {
                                    writeOne(source, random, deleted);
                                    done++;
                                    Thread.sleep(1);
                                }
                            } catch (Throwable t) {
                                failures.add(t);
                            }
                        },
                        "flavor-writer");
        writer.start();
        try {
            awaitSnapshotComplete(migration);
        } finally {
            running.set(false);
            writer.join(60_000);
        }
        assertThat(failures).isEmpty();
        updateEvery(source, 1);
        return deleted;
    }

    private static void writeOne(MongoClient source, Random random, Set<String> deleted) {
        String[] parts = COLLECTIONS.get(random.nextInt(COLLECTIONS.size())).split("\\.");
        MongoCollection<Document> collection = source.getDatabase(parts[0]).getCollection(parts[1]);
        int op = random.nextInt(10);
        if (op < 3) {
            collection.insertOne(new Document("_id", new ObjectId()).append("n", -1));
            return;
        }
        Document victim = collection.find().skip(random.nextInt(2_000)).first();
        if (victim == null) {
            return;
        }
        Object id = victim.get("_id");
        if (op < 6) {
            collection.updateOne(Filters.eq("_id", id), Updates.inc("n", 1));
        } else if (op < 8) {
            collection.replaceOne(
                    Filters.eq("_id", id), new Document("replaced", random.nextInt()));
        } else {
            collection.deleteOne(Filters.eq("_id", id));
            deleted.add(((ObjectId) id).toHexString());
        }
    }

    /** Updates {@code count} documents of every collection (so every stream has an event). */
    private static void updateEvery(MongoClient source, int count) {
        for (String namespace : COLLECTIONS) {
            String[] parts = namespace.split("\\.");
            MongoCollection<Document> collection =
                    source.getDatabase(parts[0]).getCollection(parts[1]);
            for (Document doc : collection.find().limit(count)) {
                collection.updateOne(Filters.eq("_id", doc.get("_id")), Updates.set("last", true));
            }
        }
    }

    private static void awaitSameIds(MongoClient source, MongoClient destination)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean same = true;
            for (String namespace : COLLECTIONS) {
                String[] parts = namespace.split("\\.");
                same &=
                        ids(source, parts[0], parts[1])
                                .equals(ids(destination, parts[0], parts[1]));
            }
            if (same) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the destination still holds other _ids than the source");
            }
            Thread.sleep(200);
        }
    }

    private static Set<String> ids(MongoClient client, String database, String collection) {
        Set<String> ids = new HashSet<>();
        for (Document doc : client.getDatabase(database).getCollection(collection).find()) {
            ids.add(((ObjectId) doc.get("_id")).toHexString());
        }
        return ids;
    }

    private static void enableChangeStreams(MongoClient client, String database, String coll) {
        client.getDatabase("admin")
                .runCommand(
                        new Document("modifyChangeStreams", 1)
                                .append("database", database)
                                .append("collection", coll)
                                .append("enable", true));
    }

    private List<BsonDocument> verify(EmbeddedMongoServer source, EmbeddedMongoServer destination)
            throws IOException {
        Path report = state.resolve("verify.jsonl");
        int code =
                new VerifyRunner(quietOutput())
                        .run(
                                VerifyOptions.builder()
                                        .sourceUri(source.connectionString())
                                        .destinationUri(destination.connectionString())
                                        .includes(List.of("cos"))
                                        .parallelism(2)
                                        .progressInterval(Duration.ZERO)
                                        .reportFile(report)
                                        .build());
        List<BsonDocument> lines = new ArrayList<>();
        for (String line : Files.readAllLines(report)) {
            lines.add(BsonDocument.parse(line));
        }
        assertThat(code == VerifyRunner.IDENTICAL).isEqualTo(lines.isEmpty());
        return lines;
    }
}
