package io.dsync.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The source's starting data: a few collections in two databases, with {@code _id}s of many BSON
 * types (the copy splits collections into {@code _id} ranges, which must hold across types).
 */
final class SourceData {

    static final List<String> NAMESPACES = List.of("shop.orders", "shop.customers", "stock.items");

    private SourceData() {}

    /**
     * Inserts {@code perCollection} documents into each of {@link #NAMESPACES}; returns the total.
     */
    static int seed(MongoClient client, int perCollection) {
        for (String namespace : NAMESPACES) {
            MongoCollection<Document> collection = collection(client, namespace);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < perCollection; i++) {
                batch.add(
                        new Document("_id", mixedId(i))
                                .append("n", i)
                                .append("namespace", namespace)
                                .append("payload", "p".repeat(150 + i % 100))
                                .append("tags", List.of("a", i % 7, new Document("k", i))));
                if (batch.size() == 1000) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
        }
        return perCollection * NAMESPACES.size();
    }

    static MongoCollection<Document> collection(MongoClient client, String namespace) {
        int dot = namespace.indexOf('.');
        return client.getDatabase(namespace.substring(0, dot))
                .getCollection(namespace.substring(dot + 1));
    }

    /** An {@code _id} of one of nine BSON types, distinct for every {@code i}. */
    static Object mixedId(long i) {
        switch ((int) (i % 9)) {
            case 0:
                return new ObjectId();
            case 1:
                return "id-" + i;
            case 2:
                return (int) i;
            case 3:
                return i * 3_000_000_000L;
            case 4:
                return i + 0.5;
            case 5:
                return new Decimal128(i);
            case 6:
                return new BsonBinary(UUID.nameUUIDFromBytes(("u" + i).getBytes()));
            case 7:
                return new Document("k", i).append("s", "compound");
            default:
                return i % 2 == 0
                        ? new Date(1_600_000_000_000L + i)
                        : new BsonTimestamp((int) i, 7);
        }
    }
}
