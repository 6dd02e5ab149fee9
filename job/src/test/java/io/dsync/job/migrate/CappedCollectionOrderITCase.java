package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CreateCollectionOptions;
import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 13: a capped collection's destination must hold the source's documents in the
 * source's natural (insertion) order, so that continued inserts roll off the same documents on both
 * sides (https://www.mongodb.com/docs/manual/core/capped-collections/).
 */
class CappedCollectionOrderITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, "capped_after", "capped_during");

    private static final int MAX = 50;

    @TempDir Path state;

    @Test
    void theCopyAndTheInsertsAfterItKeepTheSourcesOrderAndRollOffAlike() throws Exception {
        MongoClient source = CLIENTS.source();
        MongoCollection<org.bson.Document> log = createCapped(source, "capped_after");
        insertShuffled(log, 0, 40);
        MigrationSettings settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("capped_after"))
                        .rangeBytes(1024)
                        .build();
        try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            insertShuffled(log, 1_000, 35); // 75 inserted: the first 25 roll off
            awaitCaughtUp(migration, source);
        }
        assertSameNaturalOrder(source, "capped_after");
    }

    /**
     * Inserts made while the copy is read are followed by the change stream: they must land after
     * the copied documents. The source's {@code find} of the collection is held until the stream
     * has read those inserts and a checkpoint covers them.
     */
    @Test
    void insertsWhileTheCopyIsReadLandAfterTheCopiedDocuments() throws Exception {
        CountDownLatch copyMayRead = new CountDownLatch(1);
        try (EmbeddedMongoServer embedded =
                        MongoTestServers.startEmbedded(
                                b -> b.addCommandInterceptor(holdFind("log", copyMayRead)));
                MongoClient source = MongoClients.create(embedded.connectionString())) {
            MongoCollection<org.bson.Document> log = createCapped(source, "capped_during");
            insertShuffled(log, 0, 40);
            MigrationSettings settings =
                    settings(embedded.connectionString(), SERVERS.destinationUri(), state)
                            .includes(List.of("capped_during"))
                            .rangeBytes(1024)
                            .build();
            try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
                insertShuffled(log, 1_000, 20); // after the start point, before the copy reads
                awaitCaughtUp(migration, source);
                copyMayRead.countDown();
                awaitSnapshotComplete(migration);
                insertShuffled(log, 2_000, 20); // 80 inserted: the first 30 roll off
                awaitCaughtUp(migration, source);
            } finally {
                copyMayRead.countDown();
            }
            assertSameNaturalOrder(source, "capped_during");
        }
    }

    private static MongoCollection<org.bson.Document> createCapped(
            MongoClient client, String database) {
        client.getDatabase(database)
                .createCollection(
                        "log",
                        new CreateCollectionOptions()
                                .capped(true)
                                .sizeInBytes(1 << 20)
                                .maxDocuments(MAX));
        return client.getDatabase(database).getCollection("log");
    }

    /** Inserts {@code count} documents whose {@code _id}s are not in insertion order. */
    private static void insertShuffled(
            MongoCollection<org.bson.Document> log, int base, int count) {
        for (int i = 0; i < count; i++) {
            int id = base + (i * 17) % count; // 17 is prime to every count used here
            log.insertOne(new org.bson.Document("_id", id).append("pad", "x".repeat(200)));
        }
    }

    private static void assertSameNaturalOrder(MongoClient source, String database) {
        List<RawBsonDocument> expected = naturalOrder(source, database);
        List<RawBsonDocument> actual = naturalOrder(CLIENTS.destination(), database);
        assertThat(expected).hasSize(MAX);
        assertThat(ids(actual))
                .as("_ids of %s.log in natural order", database)
                .containsExactlyElementsOf(ids(expected));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private static List<Object> ids(List<RawBsonDocument> documents) {
        return documents.stream().map(d -> (Object) d.getInt32("_id").getValue()).toList();
    }

    private static List<RawBsonDocument> naturalOrder(MongoClient client, String database) {
        return client.getDatabase(database)
                .getCollection("log", RawBsonDocument.class)
                .find()
                .sort(new org.bson.Document("$natural", 1))
                .into(new ArrayList<>());
    }

    /** Holds every {@code find} of the collection until {@code release} opens. */
    private static CommandInterceptor holdFind(String collection, CountDownLatch release) {
        return new CommandInterceptor() {
            @Override
            public boolean handles(String database, String command, Document query) {
                if ("find".equalsIgnoreCase(command) && collection.equals(query.get(command))) {
                    try {
                        if (!release.await(2, TimeUnit.MINUTES)) {
                            throw new IllegalStateException("the test never released the copy");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return false;
            }

            @Override
            public Document handle(
                    Channel channel, String database, String command, Document query) {
                throw new UnsupportedOperationException("answers nothing");
            }
        };
    }
}
