package io.dsync.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Compares source and destination directly, without dsync: the same collections, in each the same
 * documents by {@code _id}, byte for byte, and the same indexes (every option, by name).
 */
final class DatabaseComparison {

    private DatabaseComparison() {}

    /** The differences found (empty when both sides hold the same data), at most a few dozen. */
    static List<String> differences(MongoClient source, MongoClient destination) {
        return differences(source, destination, null);
    }

    /** The differences within one database (all databases when {@code database} is null). */
    static List<String> differences(MongoClient source, MongoClient destination, String database) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> namespaces = namespaces(source, database);
        TreeSet<String> destinationNamespaces = namespaces(destination, database);
        if (!namespaces.equals(destinationNamespaces)) {
            differences.add(
                    "collections: source " + namespaces + ", destination " + destinationNamespaces);
        }
        for (String namespace : namespaces) {
            Map<String, BsonDocument> sourceIndexes = indexes(source, namespace);
            Map<String, BsonDocument> destinationIndexes = indexes(destination, namespace);
            if (!sourceIndexes.equals(destinationIndexes)) {
                differences.add(
                        namespace
                                + " indexes: source "
                                + sourceIndexes.values()
                                + ", destination "
                                + destinationIndexes.values());
            }
            Map<BsonValue, byte[]> expected = documents(source, namespace);
            Map<BsonValue, byte[]> actual = documents(destination, namespace);
            for (Map.Entry<BsonValue, byte[]> e : expected.entrySet()) {
                byte[] copy = actual.remove(e.getKey());
                if (copy == null) {
                    differences.add(
                            namespace + " _id " + e.getKey() + ": missing at the destination");
                } else if (!Arrays.equals(copy, e.getValue())) {
                    differences.add(
                            namespace
                                    + " _id "
                                    + e.getKey()
                                    + ": differs: "
                                    + new RawBsonDocument(e.getValue()).toJson()
                                    + " vs "
                                    + new RawBsonDocument(copy).toJson());
                }
            }
            for (BsonValue extra : actual.keySet()) {
                differences.add(namespace + " _id " + extra + ": only at the destination");
            }
        }
        return differences.size() > 40 ? differences.subList(0, 40) : differences;
    }

    /** Every collection outside admin, local, config and dsync's own database. */
    static TreeSet<String> namespaces(MongoClient client) {
        return namespaces(client, null);
    }

    private static TreeSet<String> namespaces(MongoClient client, String database) {
        TreeSet<String> namespaces = new TreeSet<>();
        for (String db : client.listDatabaseNames()) {
            if (List.of("admin", "local", "config", "__dsync").contains(db)
                    || (database != null && !database.equals(db))) {
                continue;
            }
            for (String collection : client.getDatabase(db).listCollectionNames()) {
                if (!collection.startsWith("system.")) {
                    namespaces.add(db + "." + collection);
                }
            }
        }
        return namespaces;
    }

    /** The collection's indexes by name, each spec as listIndexes shows it without {@code ns}. */
    private static Map<String, BsonDocument> indexes(MongoClient client, String namespace) {
        int dot = namespace.indexOf('.');
        Map<String, BsonDocument> indexes = new TreeMap<>();
        for (BsonDocument spec :
                client.getDatabase(namespace.substring(0, dot))
                        .getCollection(namespace.substring(dot + 1))
                        .listIndexes(BsonDocument.class)) {
            spec.remove("ns");
            indexes.put(spec.getString("name").getValue(), spec);
        }
        return indexes;
    }

    private static Map<BsonValue, byte[]> documents(MongoClient client, String namespace) {
        int dot = namespace.indexOf('.');
        MongoCollection<RawBsonDocument> collection =
                client.getDatabase(namespace.substring(0, dot))
                        .getCollection(namespace.substring(dot + 1), RawBsonDocument.class);
        Map<BsonValue, byte[]> documents = new HashMap<>();
        for (RawBsonDocument document : collection.find()) {
            ByteBuffer bytes = document.getByteBuffer().asNIO();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            documents.put(document.get("_id"), copy);
        }
        return documents;
    }
}
