package io.dsync.mongoserver.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CollationStrength;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code _id} index calls equal what MongoDB calls equal: numbers by value whatever their type,
 * strings under the collection's default collation; a replacement keeps the {@code _id} check
 * without collation (numbers of equal value pass and take the replacement's type, differently
 * spelled strings are refused with ImmutableField 66).
 */
class CollatedIdIndexITCase {

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(options -> {});
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static BsonValue idOf(MongoCollection<BsonDocument> collection) {
        return collection.find().first().get("_id");
    }

    @Test
    void numbersEqualInValueAreOneIdAndAReplacementTakesItsOwnType() {
        MongoCollection<BsonDocument> c =
                client.getDatabase("ids").getCollection("numbers", BsonDocument.class);
        c.insertOne(new BsonDocument("_id", new BsonInt32(7)));
        assertThatThrownBy(() -> c.insertOne(new BsonDocument("_id", new BsonInt64(7))))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("E11000");
        c.replaceOne(
                Filters.eq("_id", new BsonInt64(7)),
                new BsonDocument("_id", new BsonInt64(7)).append("v", new BsonInt32(2)),
                new ReplaceOptions().upsert(true));
        assertThat(c.countDocuments()).isEqualTo(1);
        assertThat(idOf(c)).isEqualTo(new BsonInt64(7));
        assertThat(c.deleteOne(Filters.eq("_id", new BsonInt32(7))).getDeletedCount()).isEqualTo(1);
    }

    @Test
    void stringsEqualUnderTheCollectionsCollationAreOneId() {
        client.getDatabase("ids")
                .createCollection(
                        "names",
                        new CreateCollectionOptions()
                                .collation(
                                        com.mongodb.client.model.Collation.builder()
                                                .locale("en")
                                                .collationStrength(CollationStrength.SECONDARY)
                                                .build()));
        MongoCollection<BsonDocument> c =
                client.getDatabase("ids").getCollection("names", BsonDocument.class);
        c.insertOne(new BsonDocument("_id", new BsonString("ann")));
        assertThatThrownBy(() -> c.insertOne(new BsonDocument("_id", new BsonString("ANN"))))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("E11000");
        assertThatThrownBy(
                        () ->
                                c.replaceOne(
                                        Filters.eq("_id", "Ann"),
                                        new BsonDocument("_id", new BsonString("Ann")),
                                        new ReplaceOptions().upsert(true)))
                .isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(66));
        assertThat(c.deleteOne(Filters.eq("_id", "ANN")).getDeletedCount()).isEqualTo(1);
        assertThat(c.countDocuments()).isZero();
        c.insertOne(new BsonDocument("_id", new BsonString("bob")));
        assertThat(c.deleteOne(Filters.eq("_id", "bób")).getDeletedCount())
                .as("strength 2 tells accents apart")
                .isZero();
    }
}
