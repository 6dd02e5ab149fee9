package io.dsync.mongoserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterType;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code replicaSet(false)} the server answers as a standalone mongod: {@code hello} without
 * replica-set fields, no {@code $clusterTime}/{@code operationTime} in replies, and change streams
 * refused with error 40573. MongoDB manual, "hello" (replica-set fields), "Causal Consistency",
 * "Change Streams" → "Availability".
 */
class StandaloneModeITCase {

    private static final List<BsonDocument> replies = new CopyOnWriteArrayList<>();
    private static EmbeddedMongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.replicaSet(false));
        CommandListener listener =
                new CommandListener() {
                    @Override
                    public void commandSucceeded(CommandSucceededEvent event) {
                        replies.add(event.getResponse());
                    }
                };
        client =
                MongoClients.create(
                        MongoClientSettings.builder()
                                .applyConnectionString(
                                        new ConnectionString(server.connectionString()))
                                .addCommandListener(listener)
                                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void connectsAsAStandalone() {
        assertThat(server.connectionString())
                .isEqualTo("mongodb://127.0.0.1:" + server.port() + "/");
        client.getDatabase("admin").runCommand(new Document("ping", 1));
        assertThat(client.getClusterDescription().getType()).isEqualTo(ClusterType.STANDALONE);
    }

    @Test
    void helloHasNoReplicaSetFields() {
        Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
        assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
        assertThat(hello).doesNotContainKeys("setName", "hosts", "primary", "me", "setVersion");
    }

    @Test
    void repliesCarryNoClusterTime() {
        replies.clear();
        client.getDatabase("db").getCollection("c").insertOne(new Document("a", 1));
        client.getDatabase("db").getCollection("c").find().first();
        assertThat(replies).isNotEmpty();
        assertThat(replies)
                .allSatisfy(r -> assertThat(r).doesNotContainKeys("$clusterTime", "operationTime"));
    }

    @Test
    void changeStreamsAndReplSetGetStatusAreRefused() {
        assertThatThrownBy(() -> client.getDatabase("db").getCollection("c").watch().cursor())
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> {
                            assertThat(e.getErrorCode()).isEqualTo(40573);
                            assertThat(e.getErrorMessage())
                                    .isEqualTo(
                                            "The $changeStream stage is only supported on replica sets");
                        });
        assertThatThrownBy(() -> client.watch().cursor())
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(40573));
        assertThatThrownBy(
                        () ->
                                client.getDatabase("admin")
                                        .runCommand(new Document("replSetGetStatus", 1)))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(76));
    }
}
