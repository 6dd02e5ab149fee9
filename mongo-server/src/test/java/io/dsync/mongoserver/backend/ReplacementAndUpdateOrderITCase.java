package io.dsync.mongoserver.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import com.mongodb.client.result.UpdateResult;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write changes a document when its BSON bytes change, as in MongoDB: a replacement is stored
 * exactly as given ({@code _id} first), even when it differs only in field order or numeric type; a
 * write that leaves the bytes as they were is no modification and no change event. {@code $set}
 * keeps an existing field's position and appends new fields in lexicographic order. MongoDB manual,
 * "db.collection.replaceOne()", "Documents" → "Field Order", "Update Operators" → "Behavior".
 */
class ReplacementAndUpdateOrderITCase {

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> {});
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static MongoCollection<RawBsonDocument> collection(String name) {
        return client.getDatabase("order").getCollection(name, RawBsonDocument.class);
    }

    private static RawBsonDocument doc(String json) {
        return RawBsonDocument.parse(json);
    }

    private static String stored(MongoCollection<RawBsonDocument> c, int id) {
        return c.find(Filters.eq("_id", id)).first().toJson();
    }

    @Test
    void replacementDifferingOnlyInFieldOrderIsWrittenAndReported() {
        MongoCollection<RawBsonDocument> c = collection("reorder");
        c.insertOne(doc("{_id: 1, a: 1, b: {x: 1, y: 2}}"));
        try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream =
                c.watch(RawBsonDocument.class).cursor()) {
            UpdateResult result =
                    c.replaceOne(Filters.eq("_id", 1), doc("{b: {y: 2, x: 1}, a: 1}"));
            assertThat(result.getModifiedCount()).isEqualTo(1);
            assertThat(stored(c, 1)).isEqualTo(doc("{_id: 1, b: {y: 2, x: 1}, a: 1}").toJson());
            ChangeStreamDocument<RawBsonDocument> event = stream.next();
            assertThat(event.getOperationType()).isEqualTo(OperationType.REPLACE);
            assertThat(event.getFullDocument().toJson()).isEqualTo(stored(c, 1));
        }
    }

    @Test
    void replacementChangingOnlyTheNumericTypeIsWritten() {
        MongoCollection<RawBsonDocument> c = collection("numericType");
        c.insertOne(doc("{_id: 1, n: 1}"));
        UpdateResult result =
                c.replaceOne(Filters.eq("_id", 1), doc("{_id: 1, n: {$numberLong: '1'}}"));
        assertThat(result.getModifiedCount()).isEqualTo(1);
        assertThat(c.find().first().get("n").isInt64()).isTrue();
    }

    @Test
    void writesThatChangeNoByteAreNoModificationAndNoEvent() {
        MongoCollection<RawBsonDocument> c = collection("noop");
        c.insertOne(doc("{_id: 1, a: 1, b: 'x'}"));
        try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream =
                c.watch(RawBsonDocument.class).cursor()) {
            assertThat(c.replaceOne(Filters.eq("_id", 1), doc("{a: 1, b: 'x'}")).getModifiedCount())
                    .isZero();
            assertThat(c.updateOne(Filters.eq("_id", 1), Updates.set("a", 1)).getModifiedCount())
                    .isZero();
            c.updateOne(Filters.eq("_id", 1), Updates.set("marker", true));
            assertThat(stream.next().getUpdateDescription().getUpdatedFields())
                    .containsOnlyKeys("marker");
        }
    }

    @Test
    void setKeepsPositionsAndAppendsNewFieldsInLexicographicOrder() {
        MongoCollection<RawBsonDocument> c = collection("set");
        c.insertOne(doc("{_id: 1, m: 1, a: 1}"));
        c.updateOne(
                Filters.eq("_id", 1),
                new BsonDocument(
                        "$set", BsonDocument.parse("{z: 1, m: 2, b: 1, '10': 1, '9': 1}")));
        assertThat(stored(c, 1))
                .isEqualTo(doc("{_id: 1, m: 2, a: 1, '9': 1, '10': 1, b: 1, z: 1}").toJson());
    }

    @Test
    void idGoesFirstOnInsertUpsertAndFindAndReplace() {
        MongoCollection<RawBsonDocument> c = collection("idFirst");
        c.insertOne(doc("{a: 1, _id: 1}"));
        assertThat(stored(c, 1)).isEqualTo(doc("{_id: 1, a: 1}").toJson());
        c.replaceOne(Filters.eq("_id", 2), doc("{b: 1, a: 1}"), new ReplaceOptions().upsert(true));
        assertThat(stored(c, 2)).isEqualTo(doc("{_id: 2, b: 1, a: 1}").toJson());
        RawBsonDocument returned =
                c.findOneAndReplace(
                        Filters.eq("_id", 1),
                        doc("{c: 1, _id: 1, a: 2}"),
                        new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER));
        assertThat(returned.toJson()).isEqualTo(doc("{_id: 1, c: 1, a: 2}").toJson());
        assertThat(stored(c, 1)).isEqualTo(returned.toJson());
        assertThat(List.copyOf(c.find(Filters.eq("_id", 1)).first().keySet()))
                .containsExactly("_id", "c", "a");
    }
}
