package io.dsync.mongoserver.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoQueryException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code find} with {@code min}/{@code max} and a hint of the {@code _id} index scans the index
 * range [min, max) in MongoDB's BSON comparison order, across types, without type bracketing.
 * MongoDB manual: "cursor.min()", "cursor.max()", "Comparison/Sort Order".
 */
class MinMaxScanITCase {

    /** Every _id, in the order MongoDB's _id index keeps them. */
    private static final List<BsonValue> IDS_IN_INDEX_ORDER =
            List.of(
                    new BsonMinKey(),
                    BsonNull.VALUE,
                    new BsonDouble(Double.NaN),
                    new BsonDouble(Double.NEGATIVE_INFINITY),
                    new BsonDouble(-1.5),
                    new BsonDouble(-0.0),
                    new BsonDecimal128(Decimal128.parse("0.1")), // below the double nearest 0.1
                    new BsonDouble(0.1),
                    new BsonInt32(1),
                    new BsonDouble(1.5),
                    new BsonInt64(2),
                    new BsonDouble(9007199254740992.0), // 2^53
                    new BsonInt64(9007199254740993L), // 2^53 + 1: not equal to 2^53 as double
                    new BsonDecimal128(Decimal128.parse("1E+20")),
                    new BsonDouble(Double.POSITIVE_INFINITY),
                    new BsonString(""),
                    new BsonString("a"),
                    new BsonString("b"),
                    new BsonString("\uFFFD"), // UTF-8 EF BF BD
                    new BsonString("\uD83D\uDE00"), // U+1F600, UTF-8 F0 9F 98 80: after U+FFFD
                    BsonDocument.parse("{a: 1}"),
                    BsonDocument.parse("{a: 1, b: 1}"),
                    BsonDocument.parse("{b: 0}"), // a number field sorts before a string field
                    BsonDocument.parse("{a: 'x'}"),
                    new BsonBinary(new byte[] {1, 2, 3}), // binData: shorter first
                    new BsonBinary(filled(16, (byte) 0xFF)), // subtype 0 before subtype 4
                    new BsonBinary(new UUID(0, 1)),
                    new BsonBinary(new UUID(1, 0)),
                    new BsonObjectId(new ObjectId("000000000000000000000001")),
                    new BsonObjectId(new ObjectId("ffffffffffffffffffffffff")),
                    BsonBoolean.FALSE,
                    BsonBoolean.TRUE,
                    new BsonDateTime(-1000),
                    new BsonDateTime(1_700_000_000_000L),
                    new BsonTimestamp(1, 1),
                    new BsonTimestamp(2, 0),
                    new BsonMaxKey());

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoCollection<BsonDocument> collection;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.changeStreams(false));
        client = MongoClients.create(server.connectionString());
        collection = client.getDatabase("minmax").getCollection("mixed", BsonDocument.class);
        List<BsonDocument> documents = new ArrayList<>();
        for (BsonValue id : IDS_IN_INDEX_ORDER) {
            documents.add(new BsonDocument("_id", id).append("v", new BsonInt32(documents.size())));
        }
        Collections.shuffle(documents, new java.util.Random(42));
        collection.insertMany(documents);
        collection.createIndex(Indexes.ascending("v"));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    private static List<BsonValue> ids(FindIterable<BsonDocument> find) {
        List<BsonValue> ids = new ArrayList<>();
        find.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    private static BsonDocument id(BsonValue value) {
        return new BsonDocument("_id", value);
    }

    // MongoDB manual, "Comparison/Sort Order": the _id index orders all BSON types
    @Test
    void sortOnIdFollowsBsonComparisonOrder() {
        assertThat(ids(collection.find().sort(id(new BsonInt32(1))).hint(id(new BsonInt32(1)))))
                .containsExactlyElementsOf(IDS_IN_INDEX_ORDER);
        List<BsonValue> descending = new ArrayList<>(IDS_IN_INDEX_ORDER);
        Collections.reverse(descending);
        assertThat(ids(collection.find().sort(id(new BsonInt32(-1)))))
                .containsExactlyElementsOf(descending);
    }

    // MongoDB manual, "cursor.min()"/"cursor.max()": min inclusive, max exclusive, numbers by value
    @Test
    void minIsInclusiveAndMaxExclusive() {
        assertThat(
                        ids(
                                collection
                                        .find()
                                        .hint(id(new BsonInt32(1)))
                                        .min(id(new BsonDouble(1.0)))
                                        .max(id(new BsonDecimal128(Decimal128.parse("2"))))))
                .containsExactly(new BsonInt32(1), new BsonDouble(1.5));
    }

    // MongoDB manual, "cursor.min()": index bounds, no type bracketing
    @Test
    void rangeCrossesTypesWithoutBracketing() {
        List<BsonValue> found =
                ids(
                        collection
                                .find()
                                .hintString("_id_")
                                .min(id(new BsonString("b")))
                                .max(
                                        id(
                                                new BsonObjectId(
                                                        new ObjectId(
                                                                "ffffffffffffffffffffffff")))));
        int from = IDS_IN_INDEX_ORDER.indexOf(new BsonString("b"));
        int to =
                IDS_IN_INDEX_ORDER.indexOf(
                        new BsonObjectId(new ObjectId("ffffffffffffffffffffffff")));
        assertThat(found).containsExactlyElementsOf(IDS_IN_INDEX_ORDER.subList(from, to));
    }

    // The product's splitter: find().sort({_id:1}).hint({_id:1}).min({_id: b}).skip(n).limit(1)
    // picks split points; reading [b_i, b_i+1) with min/max partitions the collection exactly
    @Test
    void splitterPagesPartitionTheCollectionExactly() {
        BsonDocument idIndex = id(new BsonInt32(1));
        List<BsonValue> bounds = new ArrayList<>();
        BsonValue bound = new BsonMinKey();
        while (true) {
            BsonDocument next =
                    collection
                            .find()
                            .sort(idIndex)
                            .hint(idIndex)
                            .min(id(bound))
                            .skip(5)
                            .limit(1)
                            .projection(new BsonDocument("_id", new BsonInt32(1)))
                            .first();
            if (next == null) {
                break;
            }
            assertThat(next.keySet()).containsExactly("_id");
            bound = next.get("_id");
            bounds.add(bound);
        }
        assertThat(bounds).hasSize((IDS_IN_INDEX_ORDER.size() - 1) / 5);

        List<BsonValue> all = new ArrayList<>();
        for (int i = 0; i <= bounds.size(); i++) {
            FindIterable<BsonDocument> range = collection.find().hint(idIndex);
            if (i > 0) {
                range = range.min(id(bounds.get(i - 1)));
            }
            if (i < bounds.size()) {
                range = range.max(id(bounds.get(i)));
            }
            all.addAll(ids(range));
        }
        assertThat(all).containsExactlyElementsOf(IDS_IN_INDEX_ORDER);
    }

    // MongoDB: "When using min()/max() a hint of which index to use must be provided" (51173)
    @Test
    void minWithoutHintFails() {
        assertThatThrownBy(() -> collection.find().min(id(new BsonInt32(1))).first())
                .isInstanceOfSatisfying(
                        MongoQueryException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(51173));
    }

    // MongoDB: min/max must follow the hinted index's key pattern (51174)
    @Test
    void minNotMatchingHintedIndexFails() {
        assertThatThrownBy(
                        () ->
                                collection
                                        .find()
                                        .hint(id(new BsonInt32(1)))
                                        .min(new BsonDocument("v", new BsonInt32(1)))
                                        .first())
                .isInstanceOfSatisfying(
                        MongoQueryException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(51174));
    }

    // MongoDB: "min and max must have the same field names" (51176)
    @Test
    void minAndMaxWithDifferentFieldsFail() {
        assertThatThrownBy(
                        () ->
                                collection
                                        .find()
                                        .hint(id(new BsonInt32(1)))
                                        .min(id(new BsonInt32(1)))
                                        .max(new BsonDocument("v", new BsonInt32(1)))
                                        .first())
                .isInstanceOfSatisfying(
                        MongoQueryException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(51176));
    }

    // MongoDB: a hint that names no index is BadValue (2)
    @Test
    void hintOfMissingIndexFails() {
        assertThatThrownBy(
                        () ->
                                collection
                                        .find()
                                        .hint(new BsonDocument("nope", new BsonInt32(1)))
                                        .first())
                .isInstanceOfSatisfying(
                        MongoQueryException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2));
    }

    // A filter on _id narrows the index scan and still applies type bracketing ($gte: number)
    @Test
    void idRangeFilterKeepsTypeBracketing() {
        BsonDocument filter = BsonDocument.parse("{_id: {$gte: 1, $lt: 9007199254740993}}");
        assertThat(ids(collection.find(filter).sort(id(new BsonInt32(1)))))
                .containsExactly(
                        new BsonInt32(1),
                        new BsonDouble(1.5),
                        new BsonInt64(2),
                        new BsonDouble(9007199254740992.0));
    }
}
