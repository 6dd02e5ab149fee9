package io.dsync.mongoserver.changestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A collection given a shard key reports its shard key in {@code documentKey}, and an update that
 * changes the shard key as a delete and an insert in the server's configured order.
 */
class ShardKeyMoveEventsITCase {

    @ParameterizedTest
    @EnumSource(ShardKeys.MoveOrder.class)
    void aShardKeyChangeIsADeleteAndAnInsert(ShardKeys.MoveOrder order) {
        try (EmbeddedMongoServer server =
                        MongoTestServers.startEmbedded(
                                options -> options.shardKeyMoveOrder(order));
                MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("admin")
                    .runCommand(
                            new Document("shardCollection", "shop.orders")
                                    .append("key", new Document("region", 1)));
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
                    orders.watch().cursor()) {
                orders.insertOne(new Document("_id", 1).append("region", "eu"));
                orders.updateOne(Filters.eq("_id", 1), Updates.set("note", "x"));
                orders.updateOne(Filters.eq("_id", 1), Updates.set("region", "us"));
                List<String> events = new ArrayList<>();
                while (events.size() < 4) {
                    ChangeStreamDocument<Document> event = stream.tryNext();
                    if (event != null) {
                        events.add(
                                event.getOperationTypeString()
                                        + " "
                                        + event.getDocumentKey().toJson());
                    }
                }
                String delete = "delete {\"region\": \"eu\", \"_id\": 1}";
                String insert = "insert {\"region\": \"us\", \"_id\": 1}";
                assertThat(events)
                        .containsExactly(
                                "insert {\"region\": \"eu\", \"_id\": 1}",
                                "update {\"region\": \"eu\", \"_id\": 1}",
                                order == ShardKeys.MoveOrder.DELETE_FIRST ? delete : insert,
                                order == ShardKeys.MoveOrder.DELETE_FIRST ? insert : delete);
            }
        }
    }
}
