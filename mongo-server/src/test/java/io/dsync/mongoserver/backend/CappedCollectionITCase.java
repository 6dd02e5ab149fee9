package io.dsync.mongoserver.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Capped collections over TCP: natural order is insertion order, and the oldest documents are
 * removed past {@code max} documents or {@code size} bytes
 * (https://www.mongodb.com/docs/manual/core/capped-collections/).
 */
class CappedCollectionITCase {

    private static final int[] IDS = {7, 3, 9, 1, 8, 2, 6, 4, 5};

    @Test
    void keepsInsertionOrderAndRollsOffTheOldestPastMax() {
        try (EmbeddedMongoServer server = MongoTestServers.startEmbedded(b -> {});
                MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("capped")
                    .createCollection(
                            "log",
                            new CreateCollectionOptions()
                                    .capped(true)
                                    .sizeInBytes(1 << 20)
                                    .maxDocuments(5));
            MongoCollection<Document> log = client.getDatabase("capped").getCollection("log");
            for (int id : IDS) {
                log.insertOne(new Document("_id", id));
            }
            // An update in place keeps the document where it is.
            log.updateOne(Filters.eq("_id", 2), Updates.set("v", 1));
            assertThat(ids(log.find())).containsExactly(8, 2, 6, 4, 5);
            assertThat(ids(log.find().sort(new Document("$natural", -1))))
                    .containsExactly(5, 4, 6, 2, 8);
        }
    }

    @Test
    void rollsOffTheOldestPastSize() {
        try (EmbeddedMongoServer server = MongoTestServers.startEmbedded(b -> {});
                MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("capped")
                    .createCollection(
                            "bytes", new CreateCollectionOptions().capped(true).sizeInBytes(4096));
            MongoCollection<Document> bytes = client.getDatabase("capped").getCollection("bytes");
            for (int id : IDS) {
                bytes.insertOne(new Document("_id", id).append("pad", "x".repeat(1000)));
            }
            // 1,020 bytes each: four fit in 4,096.
            assertThat(ids(bytes.find())).containsExactly(2, 6, 4, 5);
        }
    }

    private static List<Integer> ids(Iterable<Document> documents) {
        List<Integer> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getInteger("_id")));
        return ids;
    }
}
