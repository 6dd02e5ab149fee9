package io.dsync.mongoserver.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * Documents come back byte for byte as they were written: field order, numeric types, -0.0 and
 * every common BSON type (the product copies raw BSON). MongoDB manual, "BSON Types".
 */
class RawBsonStorageITCase {

    private static RawBsonDocument sample(int id) {
        BsonDocument document =
                new BsonDocument("_id", new BsonInt32(id))
                        .append("z", new BsonString("first field, not sorted"))
                        .append("negativeZero", new BsonDouble(-0.0))
                        .append("int32", new BsonInt32(7))
                        .append("int64", new BsonInt64(7))
                        .append("double", new BsonDouble(7.0))
                        .append("decimal", new BsonDecimal128(Decimal128.parse("7.000")))
                        .append("unicode", new BsonString("ü € \uD83D\uDE00"))
                        .append(
                                "nested",
                                new BsonDocument("b", new BsonInt32(2))
                                        .append("a", new BsonInt32(1)))
                        .append(
                                "array",
                                new BsonArray(
                                        List.of(
                                                new BsonInt32(1),
                                                new BsonString("x"),
                                                BsonNull.VALUE)))
                        .append("binary", new BsonBinary(new byte[] {0, 1, 2, (byte) 0xFF}))
                        .append(
                                "uuid",
                                new BsonBinary(
                                        UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")))
                        .append("objectId", new BsonObjectId())
                        .append("bool", BsonBoolean.TRUE)
                        .append("date", new BsonDateTime(-12345))
                        .append("null", BsonNull.VALUE)
                        .append("regex", new BsonRegularExpression("^a.*", "im"))
                        .append("code", new BsonJavaScript("function() {}"))
                        .append("timestamp", new BsonTimestamp(1700000000, 3))
                        .append("minKey", new BsonMinKey())
                        .append("maxKey", new BsonMaxKey());
        return new RawBsonDocument(document, new BsonDocumentCodec());
    }

    @Test
    void documentsAreStoredByteForByte() {
        try (EmbeddedMongoServer server =
                        MongoTestServers.startEmbedded(b -> b.changeStreams(false));
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<RawBsonDocument> c =
                    client.getDatabase("raw").getCollection("docs", RawBsonDocument.class);
            List<RawBsonDocument> written = List.of(sample(0), sample(1), sample(2));
            c.insertMany(written.subList(1, 3));
            BsonDocument original = sample(0).decode(new BsonDocumentCodec());
            original.put("z", new BsonString("before the replacement"));
            c.insertOne(new RawBsonDocument(original, new BsonDocumentCodec()));
            c.replaceOne(new BsonDocument("_id", new BsonInt32(0)), written.get(0));

            List<RawBsonDocument> read =
                    c.find()
                            .sort(new BsonDocument("_id", new BsonInt32(1)))
                            .into(new ArrayList<>());
            assertThat(read).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(bytes(read.get(i))).isEqualTo(bytes(written.get(i)));
            }
            assertThat(read.get(0).getDouble("negativeZero").getValue()).isEqualTo(-0.0);
            assertThat(1 / read.get(0).getDouble("negativeZero").getValue()).isNegative();
        }
    }

    private static byte[] bytes(RawBsonDocument document) {
        var buffer = document.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
