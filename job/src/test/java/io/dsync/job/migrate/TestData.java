package io.dsync.job.migrate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Source data for the migration tests: mixed {@code _id}s, every BSON type, indexes. */
final class TestData {

    /** The shared BSON corpus (not in a user's fresh clone). */
    static final Path BSON_CORPUS = Path.of("..", "..", "shared", "datasets", "bson-corpus");

    private TestData() {}

    /** {@code n} documents whose {@code _id}s cycle through every orderable BSON type. */
    static void insertMixedIds(MongoCollection<Document> collection, int n) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(
                    new Document("_id", mixedId(i))
                            .append("i", i)
                            .append("payload", "x".repeat(200)));
            if (batch.size() == 500) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
    }

    static Object mixedId(int i) {
        switch (i % 12) {
            case 0:
                return new ObjectId();
            case 1:
                return "id-" + i;
            case 2:
                return i;
            case 3:
                return (long) i * 3_000_000_000L;
            case 4:
                return i + 0.25;
            case 5:
                return new Decimal128(i);
            case 6:
                return new BsonBinary(UUID.nameUUIDFromBytes(("u" + i).getBytes()));
            case 7:
                return new Document("k", i).append("s", "embedded");
            case 8:
                return new Date(1_600_000_000_000L + i);
            case 9:
                return new BsonBinary(
                        BsonBinarySubType.BINARY, ByteBuffer.allocate(4).putInt(i).array());
            case 10:
                return i == 10 ? Boolean.TRUE : i == 22 ? Boolean.FALSE : (Object) ("b-" + i);
            default:
                return new BsonTimestamp(i, 1);
        }
    }

    /** Documents carrying every BSON type as values, with field orders that must survive. */
    static void insertEveryType(MongoCollection<Document> collection) {
        collection.insertOne(
                new Document("_id", "types")
                        .append("z", 1)
                        .append("a", 2L)
                        .append("double", -0.0)
                        .append("nan", Double.NaN)
                        .append("decimal", Decimal128.parse("-1.2345E-100"))
                        .append("date", new Date(-1_000_000_000_000L))
                        .append("regex", new BsonRegularExpression("^a.*b$", "imsx"))
                        .append("binary", new BsonBinary((byte) 0x80, new byte[] {1, 2, 3}))
                        .append("uuid", new BsonBinary(UUID.randomUUID()))
                        .append("min", new BsonMinKey())
                        .append("max", new BsonMaxKey())
                        .append("ts", new BsonTimestamp(123, 456))
                        .append(
                                "nested",
                                new Document("b", List.of(1, "two", new Document("c", null))))
                        .append("null", null));
        collection.insertOne(new Document("_id", 1).append("n", 1).append("b", 2).append("a", 3));
        collection.insertOne(new Document("_id", 1L + Integer.MAX_VALUE).append("n", 1L));
        collection.insertOne(new Document("_id", 2.5).append("n", 1.0));
    }

    /** Secondary indexes of many kinds (copied by the migration). */
    static void createIndexes(MongoCollection<Document> collection) {
        collection.createIndex(
                Indexes.ascending("email"), new IndexOptions().unique(true).sparse(true));
        collection.createIndex(
                Indexes.compoundIndex(Indexes.ascending("a"), Indexes.descending("b")),
                new IndexOptions()
                        .name("a_b")
                        .partialFilterExpression(new Document("a", new Document("$gt", 0))));
        collection.createIndex(
                Indexes.ascending("at"), new IndexOptions().expireAfter(3600L, TimeUnit.SECONDS));
        collection.createIndex(Indexes.ascending("hidden_field"), new IndexOptions().hidden(true));
    }

    /**
     * Inserts every valid case of the BSON corpus, each as {@code {_id: i, <the case's fields>}}
     * built from the raw bytes (nothing decoded); returns how many, 0 when the corpus is absent.
     */
    static int insertBsonCorpus(MongoClient client, String database) throws IOException {
        if (!Files.isDirectory(BSON_CORPUS)) {
            return 0;
        }
        MongoCollection<RawBsonDocument> collection =
                client.getDatabase(database).getCollection("corpus", RawBsonDocument.class);
        int id = 0;
        try (Stream<Path> files = Files.list(BSON_CORPUS)) {
            for (Path file : files.sorted().toList()) {
                if (!file.toString().endsWith(".json")) {
                    continue;
                }
                BsonDocument spec = BsonDocument.parse(Files.readString(file));
                if (!spec.containsKey("valid")) {
                    continue;
                }
                for (var value : spec.getArray("valid")) {
                    BsonDocument testCase = value.asDocument();
                    if (testCase.getBoolean("lossy", org.bson.BsonBoolean.FALSE).getValue()) {
                        continue;
                    }
                    byte[] bson =
                            HexFormat.of()
                                    .parseHex(testCase.getString("canonical_bson").getValue());
                    if (hasTopLevelId(bson)) {
                        continue;
                    }
                    collection.insertOne(new RawBsonDocument(prependIntId(bson, id++)));
                }
            }
        }
        return id;
    }

    private static boolean hasTopLevelId(byte[] bson) {
        try {
            return new RawBsonDocument(bson).containsKey("_id");
        } catch (RuntimeException e) {
            return true; // not a document we can safely wrap
        }
    }

    private static byte[] prependIntId(byte[] bson, int id) {
        // {_id: int32} element: type 0x10, "_id\0", 4 bytes
        byte[] element = {0x10, '_', 'i', 'd', 0, 0, 0, 0, 0};
        ByteBuffer.wrap(element, 5, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(id);
        int length = bson.length + element.length;
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(length);
        out.put(element);
        out.put(bson, 4, bson.length - 4);
        return out.array();
    }
}
