package io.dsync.job.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * A realistic generated dataset for the demo: three databases, six collections, nested documents,
 * arrays, dates, decimals, and one collection whose {@code _id}s mix ObjectId, string, int32,
 * int64, double, Decimal128, UUID, date and embedded-document values.
 */
final class DemoData {

    static final List<String> NAMESPACES =
            List.of(
                    "shop.customers",
                    "shop.orders",
                    "shop.products",
                    "analytics.events",
                    "analytics.mixed_ids",
                    "hr.people");

    private final Random random;

    DemoData(long seed) {
        this.random = new Random(seed);
    }

    /** Inserts about {@code total} documents spread over {@link #NAMESPACES}, plus indexes. */
    void seed(MongoClient client, int total) {
        int per = Math.max(1, total / NAMESPACES.size());
        for (String namespace : NAMESPACES) {
            MongoCollection<Document> collection = collection(client, namespace);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < per; i++) {
                batch.add(document(namespace, i));
                if (batch.size() == 1000) {
                    collection.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch, new InsertManyOptions().ordered(false));
            }
        }
        collection(client, "shop.customers")
                .createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        collection(client, "shop.orders")
                .createIndex(
                        Indexes.compoundIndex(
                                Indexes.ascending("customer"), Indexes.descending("placed")));
        collection(client, "analytics.events")
                .createIndex(
                        Indexes.ascending("at"),
                        new IndexOptions()
                                .name("at_ttl")
                                .expireAfter(3650L * 86400, java.util.concurrent.TimeUnit.SECONDS));
    }

    static MongoCollection<Document> collection(MongoClient client, String namespace) {
        int dot = namespace.indexOf('.');
        return client.getDatabase(namespace.substring(0, dot))
                .getCollection(namespace.substring(dot + 1));
    }

    /** A new document for {@code namespace}; {@code i} makes its {@code _id} unique. */
    Document document(String namespace, long i) {
        Document doc = new Document("_id", id(namespace, i));
        switch (namespace) {
            case "shop.customers":
                return doc.append("email", "customer" + i + "@example.com")
                        .append(
                                "name",
                                new Document("first", pick("Ada", "Linus", "Grace", "Ken"))
                                        .append(
                                                "last",
                                                pick("Lovelace", "Torvalds", "Hopper", "Thompson")))
                        .append(
                                "since",
                                new Date(1_500_000_000_000L + random.nextInt(1_000_000) * 1000L))
                        .append(
                                "tags",
                                List.of(pick("vip", "new", "b2b"), pick("eu", "us", "apac")));
            case "shop.orders":
                return doc.append("customer", random.nextInt(10_000))
                        .append("placed", new Date())
                        .append("lines", List.of(line(), line()))
                        .append(
                                "total",
                                new Decimal128(random.nextInt(100_000))
                                        .bigDecimalValue()
                                        .movePointLeft(2))
                        .append("status", pick("placed", "paid", "shipped"));
            case "shop.products":
                return doc.append("sku", "SKU-" + i)
                        .append("price", random.nextInt(10_000) / 100.0)
                        .append("stock", random.nextLong() % 1000)
                        .append(
                                "dimensions",
                                new Document("w", random.nextDouble())
                                        .append("h", random.nextDouble()));
            case "analytics.events":
                return doc.append("at", new Date())
                        .append("kind", pick("view", "click", "buy"))
                        .append("payload", new BsonBinary(bytes(32)));
            case "hr.people":
                return doc.append("name", "person " + i)
                        .append(
                                "address",
                                new Document("city", pick("Berlin", "Lyon", "Austin"))
                                        .append(
                                                "geo",
                                                new Document("type", "Point")
                                                        .append(
                                                                "coordinates",
                                                                List.of(
                                                                        random.nextDouble() * 10,
                                                                        random.nextDouble() * 10))))
                        .append("salary", new Decimal128(50_000 + random.nextInt(50_000)));
            default:
                return doc.append("n", i).append("blob", new BsonBinary(bytes(16)));
        }
    }

    private Object id(String namespace, long i) {
        if (!namespace.equals("analytics.mixed_ids")) {
            return namespace.equals("shop.products") ? "p-" + i : new ObjectId();
        }
        switch ((int) (i % 9)) {
            case 0:
                return new ObjectId();
            case 1:
                return "s-" + i;
            case 2:
                return (int) i;
            case 3:
                return i * 1_000_000_007L;
            case 4:
                return i + 0.5;
            case 5:
                return new Decimal128(i).bigDecimalValue().add(java.math.BigDecimal.valueOf(0.25));
            case 6:
                return new BsonBinary(new UUID(i, i * 31));
            case 7:
                return new Date(i * 1000);
            default:
                return new Document("k", i).append("v", "x");
        }
    }

    private Document line() {
        return new Document("product", "p-" + random.nextInt(1000))
                .append("qty", 1 + random.nextInt(5));
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    Random random() {
        return random;
    }
}
