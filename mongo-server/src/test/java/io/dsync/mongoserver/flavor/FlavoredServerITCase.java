package io.dsync.mongoserver.flavor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The embedded server imitating Cosmos DB and DocumentDB, over TCP with the official driver. */
class FlavoredServerITCase {

    @Test
    void cosmosHasCollectionStreamsWithoutDeletesAndThrottles() {
        try (EmbeddedMongoServer server =
                        MongoTestServers.startEmbedded(
                                b -> b.flavor(ServerFlavor.COSMOS).throttleWritesAbove(50));
                MongoClient client = MongoClients.create(server.connectionString())) {
            Document buildInfo =
                    client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
            assertThat(buildInfo).containsKey("_t");

            MongoCollection<Document> coll = client.getDatabase("c").getCollection("x");
            assertThatThrownBy(() -> client.getDatabase("c").watch().cursor().tryNext())
                    .isInstanceOf(MongoCommandException.class)
                    .hasMessageContaining("only supported on collections");
            assertThatThrownBy(
                            () ->
                                    coll.watch()
                                            .fullDocument(FullDocument.UPDATE_LOOKUP)
                                            .startAtOperationTime(new BsonTimestamp(1, 1))
                                            .cursor()
                                            .tryNext())
                    .hasMessageContaining("startAtOperationTime");
            assertThatThrownBy(
                            () ->
                                    coll.aggregate(
                                                    List.of(
                                                            new Document(
                                                                    "$sample",
                                                                    new Document("size", 1))))
                                            .first())
                    .hasMessageContaining("$sample");

            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
                    coll.watch()
                            .fullDocument(FullDocument.UPDATE_LOOKUP)
                            .maxAwaitTime(100, TimeUnit.MILLISECONDS)
                            .cursor()) {
                assertThat(cursor.tryNext()).isNull();
                assertThat(cursor.getResumeToken()).as("no token before the first event").isNull();
                coll.insertOne(new Document("_id", 1));
                coll.deleteOne(new Document("_id", 1));
                coll.insertOne(new Document("_id", 2));
                List<Object> seen = new ArrayList<>();
                for (int i = 0; i < 20 && seen.size() < 2; i++) {
                    ChangeStreamDocument<Document> event = cursor.tryNext();
                    if (event != null) {
                        seen.add(
                                event.getOperationTypeString()
                                        + ":"
                                        + event.getDocumentKey().get("_id"));
                    }
                }
                assertThat(seen)
                        .containsExactly("insert:BsonInt32{value=1}", "insert:BsonInt32{value=2}");
                assertThat(cursor.getResumeToken()).isNotNull();
            }

            List<Document> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(new Document("_id", "t" + i));
            }
            assertThatThrownBy(
                            () ->
                                    client.getDatabase("c")
                                            .getCollection("throttled")
                                            .insertMany(
                                                    many, new InsertManyOptions().ordered(false)))
                    .isInstanceOfSatisfying(
                            MongoBulkWriteException.class,
                            e -> {
                                assertThat(e.getWriteErrors()).isNotEmpty();
                                assertThat(e.getWriteErrors().get(0).getCode()).isEqualTo(16500);
                                assertThat(e.getWriteErrors().get(0).getMessage())
                                        .contains("RetryAfterMs=");
                            });
            assertThat(client.getDatabase("c").getCollection("throttled").countDocuments())
                    .isBetween(1L, 199L);
        }
    }

    @Test
    void documentDbNeedsModifyChangeStreams() {
        try (EmbeddedMongoServer server =
                        MongoTestServers.startEmbedded(b -> b.flavor(ServerFlavor.DOCUMENTDB));
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertThatThrownBy(
                            () ->
                                    client.getDatabase("admin")
                                            .runCommand(new Document("getCmdLineOpts", 1)))
                    .hasMessageContaining("Feature not supported");
            MongoCollection<Document> coll = client.getDatabase("d").getCollection("x");
            assertThatThrownBy(() -> coll.watch().cursor().tryNext())
                    .isInstanceOfSatisfying(
                            MongoCommandException.class,
                            e -> {
                                assertThat(e.getErrorCode()).isEqualTo(136);
                                assertThat(e.getErrorMessage())
                                        .contains("modifyChangeStreams has not been run");
                            });
            client.getDatabase("admin")
                    .runCommand(
                            new Document("modifyChangeStreams", 1)
                                    .append("database", "d")
                                    .append("collection", "x")
                                    .append("enable", true));
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
                    coll.watch().maxAwaitTime(100, TimeUnit.MILLISECONDS).cursor()) {
                cursor.tryNext();
                coll.insertOne(new Document("_id", 1));
                coll.deleteOne(new Document("_id", 1));
                List<String> types = new ArrayList<>();
                for (int i = 0; i < 20 && types.size() < 2; i++) {
                    ChangeStreamDocument<Document> event = cursor.tryNext();
                    if (event != null) {
                        types.add(event.getOperationTypeString());
                    }
                }
                assertThat(types).containsExactly("insert", "delete");
            }
            assertThatThrownBy(
                            () ->
                                    client.getDatabase("d")
                                            .getCollection("y")
                                            .watch()
                                            .cursor()
                                            .tryNext())
                    .hasMessageContaining("modifyChangeStreams has not been run");
        }
    }
}
