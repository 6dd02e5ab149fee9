package io.dsync.mongoserver.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoServerException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The embedded server answering as a SECONDARY reached directly: {@code hello} says so (no {@code
 * primary}), writes fail with NotWritablePrimary (10107), reads need a read preference other than
 * primary or fail with NotPrimaryNoSecondaryOk (13435). MongoDB manual, "hello", "Read Preference".
 */
class SecondaryMemberITCase {

    @Test
    void aSecondaryAnswersAndRefusesAsMongoDbDoes() {
        try (EmbeddedMongoServer server = MongoTestServers.startEmbedded(b -> {});
                MongoClient setClient = MongoClients.create(server.connectionString())) {
            setClient.getDatabase("sec").getCollection("c").insertOne(new Document("_id", 1));
            server.answerAsSecondary();
            String direct = "mongodb://127.0.0.1:" + server.port() + "/?directConnection=true";
            try (MongoClient client = MongoClients.create(direct)) {
                Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
                assertThat(hello.getBoolean("isWritablePrimary")).isFalse();
                assertThat(hello.getBoolean("secondary")).isTrue();
                assertThat(hello).doesNotContainKey("primary").containsKey("setName");

                MongoCollection<Document> c = client.getDatabase("sec").getCollection("c");
                assertThat(c.withReadPreference(ReadPreference.secondaryPreferred()).find())
                        .hasSize(1);
                assertThatThrownBy(() -> c.insertOne(new Document("_id", 2)))
                        .isInstanceOfSatisfying(
                                MongoServerException.class,
                                e -> assertThat(e.getCode()).isEqualTo(10107));
            }
        }
    }

    @Test
    void primaryReadsAreRefusedOnASecondary() {
        de.bwaldvogel.mongo.bson.Document find = new de.bwaldvogel.mongo.bson.Document("find", "c");
        assertThatThrownBy(() -> SecondaryRules.check("find", find))
                .isInstanceOfSatisfying(
                        MongoServerError.class, e -> assertThat(e.getCode()).isEqualTo(13435));
        find.put("$readPreference", new de.bwaldvogel.mongo.bson.Document("mode", "primary"));
        assertThatThrownBy(() -> SecondaryRules.check("find", find))
                .isInstanceOf(MongoServerError.class);
        find.put(
                "$readPreference",
                new de.bwaldvogel.mongo.bson.Document("mode", "primaryPreferred"));
        SecondaryRules.check("find", find);
        assertThatThrownBy(
                        () ->
                                SecondaryRules.check(
                                        "createIndexes",
                                        new de.bwaldvogel.mongo.bson.Document(
                                                "createIndexes", "c")))
                .isInstanceOfSatisfying(
                        MongoServerError.class, e -> assertThat(e.getCode()).isEqualTo(10107));
    }
}
