package io.dsync.mongoserver.bson;

import static io.dsync.mongoserver.bson.RawDocuments.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deprecated and less common BSON types (binary of every subtype, symbol, DBPointer, code with
 * scope, undefined) are stored and returned unchanged, and take part in equality, projection and
 * MongoDB's comparison order, as in MongoDB. MongoDB manual, "BSON Types" and "Comparison/Sort
 * Order". Needs no shared data (see {@link BsonCorpusRoundTripITCase} for the whole corpus).
 */
class RareBsonTypesITCase {

    private static final ObjectId POINTED = new ObjectId("5f0123456789abcdef012345");

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
        return client.getDatabase("rare").getCollection(name, RawBsonDocument.class);
    }

    private static BsonJavaScriptWithScope codeWithScope() {
        return new BsonJavaScriptWithScope("return x;", new BsonDocument("x", new BsonInt32(1)));
    }

    private static RawBsonDocument everyRareType(int id) {
        BsonDocument document = new BsonDocument("_id", new BsonInt32(id));
        for (int subtype : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 0x42, 0x80, 0xFF}) {
            document.append("bin" + subtype, new BsonBinary((byte) subtype, new byte[] {1, 2, 3}));
        }
        document.append("symbol", new BsonSymbol("sym"))
                .append("pointer", new BsonDbPointer("db.coll", POINTED))
                .append("code", new BsonJavaScript("return 1;"))
                .append("codeWithScope", codeWithScope())
                .append("undefined", new BsonUndefined())
                .append(
                        "nested",
                        new BsonDocument(
                                "array",
                                new BsonArray(List.of(new BsonUndefined(), new BsonSymbol("s")))));
        return new RawBsonDocument(document, new BsonDocumentCodec());
    }

    @Test
    void rareTypesRoundTripThroughInsertFindReplaceAndChangeStreams() {
        MongoCollection<RawBsonDocument> c = collection("roundTrip");
        try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream =
                c.watch(RawBsonDocument.class).cursor()) {
            RawBsonDocument written = everyRareType(1);
            c.insertOne(written);
            c.replaceOne(Filters.eq("_id", 1), RawBsonDocument.parse("{_id: 1}"));
            c.replaceOne(Filters.eq("_id", 1), written);

            assertThat(bytes(c.find().first())).isEqualTo(bytes(written));
            assertThat(bytes(stream.next().getFullDocument())).isEqualTo(bytes(written));
            stream.next();
            assertThat(bytes(stream.next().getFullDocument())).isEqualTo(bytes(written));
        }
    }

    @Test
    void rareTypesMatchByEqualityAndProject() {
        MongoCollection<RawBsonDocument> c = collection("equality");
        c.insertMany(List.of(everyRareType(1), RawBsonDocument.parse("{_id: 2}")));
        List<BsonValue> values =
                List.of(
                        new BsonSymbol("sym"),
                        new BsonDbPointer("db.coll", POINTED),
                        codeWithScope(),
                        new BsonBinary((byte) 0x80, new byte[] {1, 2, 3}));
        for (String field : List.of("symbol", "pointer", "codeWithScope", "bin128")) {
            BsonValue value =
                    values.get(
                            List.of("symbol", "pointer", "codeWithScope", "bin128").indexOf(field));
            assertThat(c.find(new BsonDocument(field, value)).into(new ArrayList<>()))
                    .as(field)
                    .hasSize(1);
        }
        assertThat(
                        c.find(
                                        new BsonDocument(
                                                "bin128",
                                                new BsonBinary((byte) 0x81, new byte[] {1, 2, 3})))
                                .first())
                .isNull();

        RawBsonDocument projected =
                c.find(Filters.eq("_id", 1))
                        .projection(Projections.include("symbol", "bin255", "undefined"))
                        .first();
        RawBsonDocument expected =
                new RawBsonDocument(
                        new BsonDocument("_id", new BsonInt32(1))
                                .append("bin255", new BsonBinary((byte) 0xFF, new byte[] {1, 2, 3}))
                                .append("symbol", new BsonSymbol("sym"))
                                .append("undefined", new BsonUndefined()),
                        new BsonDocumentCodec());
        assertThat(bytes(projected)).isEqualTo(bytes(expected));
    }

    @Test
    void rareIdsSortInMongoDbOrder() {
        MongoCollection<BsonDocument> c =
                client.getDatabase("rare").getCollection("order", BsonDocument.class);
        List<BsonValue> ascending =
                List.of(
                        new BsonInt32(1),
                        new BsonString("a"),
                        new BsonSymbol("b"),
                        new BsonString("c"),
                        new BsonBinary((byte) 0x80, new byte[] {1}),
                        new BsonDbPointer("db.coll", POINTED),
                        new BsonJavaScript("code"),
                        codeWithScope());
        for (int i = ascending.size() - 1; i >= 0; i--) {
            c.insertOne(new BsonDocument("_id", ascending.get(i)));
        }
        List<BsonValue> ids =
                c.find()
                        .sort(Sorts.ascending("_id"))
                        .map(d -> d.get("_id"))
                        .into(new ArrayList<>());
        assertThat(ids).containsExactlyElementsOf(ascending);
        assertThat(c.find(Filters.eq("_id", new BsonSymbol("b"))).first()).isNotNull();
    }
}
