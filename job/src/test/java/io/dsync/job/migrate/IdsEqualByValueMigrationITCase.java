package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.CollationStrength;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 4 of issue 16 through the whole job: the application deletes documents and inserts them
 * again with an {@code _id} MongoDB calls equal but spelled otherwise ({@code NumberInt(k)} ⇄
 * {@code NumberLong(k)}; {@code "name-k"} ⇄ {@code "NAME-K"} in a collection with a
 * case-insensitive collation), while the job copies and follows, fails once in the middle (the
 * restart replays from the last checkpoint) and is stopped and resumed with more flips made
 * meanwhile. The destination ends byte-identical, with the source's exact {@code _id}s. The forced
 * interleaving of the two spellings' writes is in {@code IdsEqualByValueITCase}.
 */
class IdsEqualByValueMigrationITCase {

    private static final int DOCUMENTS = 60;

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, "flips");

    @TempDir Path state;

    private static BsonValue number(int k, int round) {
        return round % 2 == 0 ? new BsonInt32(k) : new BsonInt64(k);
    }

    private static BsonValue name(int k, int round) {
        return new BsonString(round % 2 == 0 ? "name-" + k : "NAME-" + k);
    }

    /** One round: every document deleted and inserted again with the round's spelling. */
    private static void flip(
            MongoCollection<BsonDocument> numbers, MongoCollection<BsonDocument> names, int round) {
        for (int k = 0; k < DOCUMENTS; k++) {
            numbers.deleteOne(Filters.eq("_id", k));
            numbers.insertOne(
                    new BsonDocument("_id", number(k, round))
                            .append("round", new BsonInt32(round)));
            names.deleteOne(Filters.eq("_id", "name-" + k));
            names.insertOne(
                    new BsonDocument("_id", name(k, round)).append("round", new BsonInt32(round)));
        }
    }

    @Test
    void flipsBetweenEqualIdsOfOtherSpellingsEndAsAtTheSource() throws Exception {
        MongoClient source = CLIENTS.source();
        MongoClient destination = CLIENTS.destination();
        source.getDatabase("flips")
                .createCollection(
                        "names",
                        new CreateCollectionOptions()
                                .collation(
                                        Collation.builder()
                                                .locale("en")
                                                .collationStrength(CollationStrength.SECONDARY)
                                                .build()));
        MongoCollection<BsonDocument> numbers =
                source.getDatabase("flips").getCollection("numbers", BsonDocument.class);
        MongoCollection<BsonDocument> names =
                source.getDatabase("flips").getCollection("names", BsonDocument.class);
        for (int k = 0; k < DOCUMENTS; k++) {
            numbers.insertOne(new BsonDocument("_id", number(k, 0)));
            names.insertOne(new BsonDocument("_id", name(k, 0)));
        }
        MigrationSettings.Builder settings =
                settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                        .includes(List.of("flips"));
        try (LocalMigration migration =
                new MigrationRunner(settings.build(), quietOutput())
                        // fails once in the middle of the flips: the restart replays them
                        .withProbe(FailOnce.afterChangeEvents(5 * DOCUMENTS))
                        .start()) {
            awaitSnapshotComplete(migration);
            for (int round = 1; round <= 6; round++) {
                flip(numbers, names, round);
            }
            awaitCaughtUp(migration, source);
            assertThat(FailOnce.FAILED.get()).as("the injected failure happened").isTrue();
            migration.stopWithSavepoint();
        }
        flip(numbers, names, 7); // while the job is stopped
        try (LocalMigration resumed =
                new MigrationRunner(settings.resume(true).build(), quietOutput()).start()) {
            flip(numbers, names, 8);
            awaitCaughtUp(resumed, source);
        }
        assertThat(destination.getDatabase("flips").getCollection("numbers").countDocuments())
                .isEqualTo(DOCUMENTS);
        assertThat(destination.getDatabase("flips").getCollection("names").countDocuments())
                .isEqualTo(DOCUMENTS);
        DatabaseAssertions.assertIdentical(source, destination, List.of("flips"));
    }
}
