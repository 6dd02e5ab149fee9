package io.dsync.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;

/** Compares two deployments byte for byte, for the migration tests. */
final class DatabaseAssertions {

    private DatabaseAssertions() {}

    /** Every collection of {@code databases}: same documents (raw bytes) and same indexes. */
    static void assertIdentical(
            MongoClient source, MongoClient destination, List<String> databases) {
        for (String database : databases) {
            List<String> collections = collections(source, database);
            assertThat(collections(destination, database))
                    .as("collections of %s", database)
                    .containsExactlyInAnyOrderElementsOf(collections);
            for (String collection : collections) {
                assertSameDocuments(
                        source, destination, database, collection, database, collection);
                assertThat(indexes(destination, database, collection))
                        .as("indexes of %s.%s", database, collection)
                        .isEqualTo(indexes(source, database, collection));
                assertThat(options(destination, database, collection))
                        .as("options of %s.%s", database, collection)
                        .isEqualTo(options(source, database, collection));
            }
        }
    }

    static void assertSameDocuments(
            MongoClient source,
            MongoClient destination,
            String sourceDb,
            String sourceColl,
            String destinationDb,
            String destinationColl) {
        Map<String, String> expected = documents(source, sourceDb, sourceColl);
        Map<String, String> actual = documents(destination, destinationDb, destinationColl);
        assertThat(actual.keySet())
                .as("_ids of %s.%s", destinationDb, destinationColl)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey()))
                    .as("bytes of %s in %s.%s", e.getKey(), destinationDb, destinationColl)
                    .isEqualTo(e.getValue());
        }
    }

    static List<String> collections(MongoClient client, String database) {
        List<String> names = new ArrayList<>();
        for (String name : client.getDatabase(database).listCollectionNames()) {
            if (!name.startsWith("system.")) {
                names.add(name);
            }
        }
        return names;
    }

    /** _id key (hex of {_id: v}) → hex of the whole document's bytes. */
    static Map<String, String> documents(MongoClient client, String database, String collection) {
        MongoCollection<RawBsonDocument> coll =
                client.getDatabase(database).getCollection(collection, RawBsonDocument.class);
        Map<String, String> documents = new HashMap<>();
        for (RawBsonDocument doc : coll.find()) {
            BsonDocument key = new BsonDocument("_id", doc.get("_id"));
            documents.put(
                    hex(new RawBsonDocument(key, new org.bson.codecs.BsonDocumentCodec())),
                    hex(doc));
        }
        return documents;
    }

    static long count(MongoClient client, String database, String collection) {
        return client.getDatabase(database).getCollection(collection).countDocuments();
    }

    private static Map<String, Document> indexes(
            MongoClient client, String database, String collection) {
        Map<String, Document> indexes = new TreeMap<>();
        for (Document index :
                client.getDatabase(database).getCollection(collection).listIndexes()) {
            Document spec = new Document(index);
            spec.remove("ns");
            indexes.put(index.getString("name"), spec);
        }
        return indexes;
    }

    static Document options(MongoClient client, String database, String collection) {
        for (Document info : client.getDatabase(database).listCollections()) {
            if (collection.equals(info.getString("name"))) {
                return info.get("options", Document.class);
            }
        }
        return null;
    }

    private static String hex(RawBsonDocument doc) {
        ByteBuffer buffer = doc.getByteBuffer().asNIO();
        StringBuilder hex = new StringBuilder();
        while (buffer.hasRemaining()) {
            hex.append(String.format("%02x", buffer.get()));
        }
        return hex.toString();
    }
}
