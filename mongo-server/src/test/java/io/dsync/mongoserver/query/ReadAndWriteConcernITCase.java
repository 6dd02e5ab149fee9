package io.dsync.mongoserver.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.CommandLog;
import io.dsync.mongoserver.testing.CommandLog.ReceivedCommand;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read and write concerns the embedded server takes as MongoDB does: {@code majority} on {@code
 * find} (and the {@code getMore}s of its cursor), {@code aggregate}, change streams, {@code count}
 * and {@code distinct}; {@code {w: "majority", j: true}} on writes; {@code $collStats} only with
 * {@code local} (MongoDB, "Read Concern"; SERVER-20400), an unknown level refused. The {@link
 * CommandLog} sees what each command carried.
 */
class ReadAndWriteConcernITCase {

    private static final CommandLog log = new CommandLog();
    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.addCommandObserver(log));
        client = MongoClients.create(server.connectionString());
        database =
                client.getDatabase("concerns")
                        .withReadConcern(ReadConcern.MAJORITY)
                        .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void majorityReadsAndDurableWritesAreAccepted() {
        MongoCollection<Document> items = database.getCollection("items");
        database.runCommand(
                new Document("create", "items")
                        .append("writeConcern", new Document("w", "majority").append("j", true)));
        List<Document> seed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seed.add(new Document("_id", i).append("k", i % 3));
        }
        items.insertMany(seed);
        items.updateOne(Filters.eq("_id", 1), Updates.set("v", 1));
        items.deleteOne(Filters.eq("_id", 2));

        assertThat(items.find().batchSize(7).into(new ArrayList<>())).hasSize(49);
        assertThat(items.countDocuments()).isEqualTo(49);
        assertThat(items.estimatedDocumentCount()).isEqualTo(49);
        assertThat(items.distinct("k", Integer.class).into(new ArrayList<>()))
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(items.aggregate(List.of(new Document("$match", new Document("k", 0)))))
                .hasSize(17);
        try (MongoCursor<ChangeStreamDocument<Document>> stream = items.watch().cursor()) {
            items.insertOne(new Document("_id", 100));
            assertThat(stream.next().getDocumentKey().getInt32("_id").getValue()).isEqualTo(100);
        }

        List<ReceivedCommand> received = log.matching(c -> "items".equals(c.collection()));
        assertThat(received)
                .filteredOn(
                        c -> List.of("find", "aggregate", "count", "distinct").contains(c.name()))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.readConcernLevel()).isEqualTo("majority"));
        assertThat(received)
                .filteredOn(c -> List.of("insert", "update", "delete", "create").contains(c.name()))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(
                        c -> {
                            assertThat(c.writeConcern().get("w")).isEqualTo("majority");
                            assertThat(c.writeConcern().get("j")).isEqualTo(true);
                        });
    }

    @Test
    void collStatsTakesOnlyLocal() {
        MongoCollection<Document> stats = database.getCollection("stats");
        stats.insertOne(new Document("_id", 1));
        List<Document> pipeline =
                List.of(new Document("$collStats", new Document("storageStats", new Document())));

        assertThatThrownBy(() -> stats.aggregate(pipeline).into(new ArrayList<>()))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> {
                            assertThat(e.getErrorCode()).isEqualTo(72);
                            assertThat(e.getErrorMessage())
                                    .isEqualTo(
                                            "Aggregation stage $collStats cannot run with a"
                                                    + " readConcern other than 'local'. Current"
                                                    + " readConcern: majority");
                        });
        assertThat(stats.withReadConcern(ReadConcern.DEFAULT).aggregate(pipeline)).hasSize(1);
        assertThat(stats.withReadConcern(ReadConcern.LOCAL).aggregate(pipeline)).hasSize(1);
    }

    @Test
    void anUnknownLevelIsRefused() {
        assertThatThrownBy(
                        () ->
                                database.runCommand(
                                        new Document("find", "levels")
                                                .append(
                                                        "readConcern",
                                                        new Document("level", "newest"))))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(9));
    }

    @Test
    void theLogShowsANonPrimaryReadPreference() {
        database.getCollection("prefs")
                .withReadPreference(ReadPreference.secondaryPreferred())
                .find()
                .first();
        assertThat(log.matching(c -> "prefs".equals(c.collection())))
                .extracting(ReceivedCommand::readPreferenceMode)
                .containsExactly("secondaryPreferred");
    }
}
