package io.dsync.mongoserver.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code collMod} converting a non-unique index to unique as MongoDB 6.0+ does: {@code
 * prepareUnique} refuses new duplicates and keeps existing ones, {@code unique: true} (with or
 * without {@code dryRun}) reports the duplicates' {@code _id}s as {@code violations}, and a
 * converted index is listed and enforced as unique. See
 * https://www.mongodb.com/docs/manual/core/index-unique/convert-to-unique/.
 */
class UniqueConversionITCase {

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoDatabase db;

    private MongoCollection<Document> users;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.changeStreams(false));
        client = MongoClients.create(server.connectionString());
        db = client.getDatabase("conversion");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void clean() {
        db.drop();
        users = db.getCollection("users");
        users.insertMany(
                List.of(
                        new Document("_id", 1).append("email", "x"),
                        new Document("_id", 2).append("email", "x"),
                        new Document("_id", 3).append("email", "y")));
        users.createIndex(Indexes.ascending("email"));
    }

    private static Document collMod(Document index, boolean dryRun) {
        Document command = new Document("collMod", "users").append("index", index);
        if (dryRun) {
            command.append("dryRun", true);
        }
        return db.runCommand(command);
    }

    private static Document byName(String name) {
        return new Document("name", name);
    }

    private Document emailIndex() {
        return users.listIndexes().into(new ArrayList<>()).stream()
                .filter(i -> "email_1".equals(i.getString("name")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void prepareUniqueRefusesNewDuplicatesAndKeepsExistingOnes() {
        Document reply = collMod(byName("email_1").append("prepareUnique", true), false);
        assertThat(reply.getBoolean("prepareUnique_new")).isTrue();
        assertThat(emailIndex().getBoolean("prepareUnique")).isTrue();

        assertThatThrownBy(() -> users.insertOne(new Document("_id", 4).append("email", "y")))
                .isInstanceOf(MongoWriteException.class)
                .extracting(e -> ((MongoWriteException) e).getCode())
                .isEqualTo(11000);
        assertThatThrownBy(() -> users.updateOne(Filters.eq("_id", 3), Updates.set("email", "x")))
                .isInstanceOf(MongoWriteException.class)
                .extracting(e -> ((MongoWriteException) e).getCode())
                .isEqualTo(11000);
        assertThat(users.countDocuments(Filters.eq("email", "x"))).isEqualTo(2);
        // a document holding a duplicate may still change its other fields, and a new key is fine
        users.updateOne(Filters.eq("_id", 2), Updates.set("name", "two"));
        users.insertOne(new Document("_id", 5).append("email", "z"));
        users.updateOne(Filters.eq("_id", 5), Updates.set("email", "w"));
        users.insertOne(new Document("_id", 6).append("email", "z"));
    }

    @Test
    void convertingWithDuplicatesReportsTheirIdsAndChangesNothing() {
        collMod(byName("email_1").append("prepareUnique", true), false);
        BsonArray ids = new BsonArray(List.of(new BsonInt32(1), new BsonInt32(2)));
        BsonArray expected = new BsonArray(List.of(new BsonDocument("ids", ids)));
        for (boolean dryRun : new boolean[] {true, false}) {
            assertThatThrownBy(() -> collMod(byName("email_1").append("unique", true), dryRun))
                    .isInstanceOfSatisfying(
                            MongoCommandException.class,
                            e -> {
                                assertThat(e.getErrorCode()).isEqualTo(359);
                                assertThat(e.getErrorCodeName())
                                        .isEqualTo("CannotConvertIndexToUnique");
                                assertThat(e.getResponse().getArray("violations"))
                                        .isEqualTo(expected);
                            });
        }
        assertThat(emailIndex()).doesNotContainKey("unique");
    }

    @Test
    void conversionMakesTheIndexUniqueAsMongoDbListsIt() {
        users.deleteOne(Filters.eq("_id", 2));
        collMod(
                new Document("keyPattern", new Document("email", 1)).append("prepareUnique", true),
                false);
        assertThat(collMod(byName("email_1").append("unique", true), true))
                .doesNotContainKey("unique_new");
        assertThat(emailIndex()).doesNotContainKey("unique");

        Document reply = collMod(byName("email_1").append("unique", true), false);

        assertThat(reply.getBoolean("unique_new")).isTrue();
        assertThat(emailIndex().toJson())
                .isEqualTo(
                        new Document("v", 2)
                                .append("key", new Document("email", 1))
                                .append("name", "email_1")
                                .append("unique", true)
                                .toJson());
        assertThatThrownBy(() -> users.insertOne(new Document("_id", 7).append("email", "y")))
                .isInstanceOf(MongoWriteException.class)
                .extracting(e -> ((MongoWriteException) e).getCode())
                .isEqualTo(11000);
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
    }

    @Test
    void uniqueNeedsPrepareUniqueFirstAndDryRunNeedsUnique() {
        assertThatThrownBy(() -> collMod(byName("email_1").append("unique", true), false))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(72));
        assertThatThrownBy(() -> collMod(byName("email_1").append("hidden", true), true))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(72));
        assertThat(emailIndex()).doesNotContainKeys("unique", "hidden", "prepareUnique");
    }
}
