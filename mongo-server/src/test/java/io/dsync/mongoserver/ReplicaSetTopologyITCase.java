package io.dsync.mongoserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterType;
import com.mongodb.connection.ServerType;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server presents itself as a MongoDB 7.0 replica-set primary to the official driver. */
class ReplicaSetTopologyITCase {

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.changeStreams(false));
        client = MongoClients.create(server.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static BsonDocument admin(String command) {
        return client.getDatabase("admin").runCommand(new Document(command, 1), BsonDocument.class);
    }

    // MongoDB manual, "hello": fields of a replica-set primary
    @Test
    void helloAnswersAsReplicaSetPrimary() {
        BsonDocument hello = admin("hello");
        String me = "127.0.0.1:" + server.port();
        assertThat(hello.getBoolean("isWritablePrimary").getValue()).isTrue();
        assertThat(hello.getBoolean("secondary").getValue()).isFalse();
        assertThat(hello.getString("setName").getValue()).isEqualTo("dsync-rs");
        assertThat(hello.getArray("hosts").getValues())
                .extracting(v -> v.asString().getValue())
                .containsExactly(me);
        assertThat(hello.getString("primary").getValue()).isEqualTo(me);
        assertThat(hello.getString("me").getValue()).isEqualTo(me);
        assertThat(hello.isObjectId("electionId")).isTrue();
        assertThat(hello.getDocument("topologyVersion").isObjectId("processId")).isTrue();
        assertThat(hello.getDocument("lastWrite").getDocument("opTime").isTimestamp("ts")).isTrue();
        assertThat(hello.getDocument("lastWrite").isDateTime("lastWriteDate")).isTrue();
        assertThat(hello.getInt32("maxBsonObjectSize").getValue()).isEqualTo(16 * 1024 * 1024);
        assertThat(hello.getInt32("maxMessageSizeBytes").getValue()).isEqualTo(48_000_000);
        assertThat(hello.getInt32("maxWriteBatchSize").getValue()).isEqualTo(100_000);
        assertThat(hello.getInt32("minWireVersion").getValue()).isZero();
        assertThat(hello.getInt32("maxWireVersion").getValue()).isEqualTo(21);
        assertThat(hello.isDateTime("localTime")).isTrue();
        assertThat(hello.getInt32("logicalSessionTimeoutMinutes").getValue()).isEqualTo(30);

        BsonDocument legacy = admin("isMaster");
        assertThat(legacy.getBoolean("ismaster").getValue()).isTrue();
    }

    // The driver sees a replica set with a primary (driver "Server Discovery and Monitoring")
    @Test
    void driverDiscoversReplicaSetPrimary() {
        client.listDatabaseNames().into(new ArrayList<>());
        var description = client.getClusterDescription();
        assertThat(description.getType()).isEqualTo(ClusterType.REPLICA_SET);
        assertThat(description.getServerDescriptions())
                .singleElement()
                .satisfies(s -> assertThat(s.getType()).isEqualTo(ServerType.REPLICA_SET_PRIMARY));
    }

    // MongoDB manual, "buildInfo"
    @Test
    void buildInfoReportsVersion7() {
        BsonDocument info = admin("buildInfo");
        assertThat(info.getString("version").getValue()).startsWith("7.0.");
        assertThat(info.getArray("versionArray").get(0).asInt32().getValue()).isEqualTo(7);
    }

    // MongoDB manual, "replSetGetStatus"
    @Test
    void replSetGetStatusListsOnePrimaryMember() {
        BsonDocument status = admin("replSetGetStatus");
        assertThat(status.getString("set").getValue()).isEqualTo("dsync-rs");
        assertThat(status.getInt32("myState").getValue()).isEqualTo(1);
        BsonDocument member = status.getArray("members").get(0).asDocument();
        assertThat(member.getString("stateStr").getValue()).isEqualTo("PRIMARY");
        assertThat(member.getDocument("optime").isTimestamp("ts")).isTrue();
        assertThat(status.getDocument("optimes").containsKey("lastCommittedOpTime")).isTrue();
    }

    // MongoDB manual, "serverStatus"
    @Test
    void serverStatusWorks() {
        BsonDocument status = admin("serverStatus");
        assertThat(status.getDouble("ok").getValue()).isEqualTo(1.0);
        assertThat(status.getDocument("repl").getString("setName").getValue())
                .isEqualTo("dsync-rs");
    }

    // MongoDB manual, "Causal Consistency": every reply carries operationTime and $clusterTime,
    // and the cluster time moves forward with every write
    @Test
    void repliesCarryMonotonicClusterTime() {
        MongoDatabase db = client.getDatabase("clocks");
        BsonTimestamp previous =
                db.runCommand(new Document("ping", 1), BsonDocument.class)
                        .getTimestamp("operationTime");
        List<BsonTimestamp> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BsonDocument reply =
                    db.runCommand(
                            new Document("insert", "c")
                                    .append("documents", List.of(new Document("i", i))),
                            BsonDocument.class);
            BsonTimestamp operationTime = reply.getTimestamp("operationTime");
            BsonDocument clusterTime = reply.getDocument("$clusterTime");
            assertThat(clusterTime.getTimestamp("clusterTime")).isEqualTo(operationTime);
            assertThat(clusterTime.getDocument("signature").getBinary("hash").getData())
                    .hasSize(20);
            assertThat(clusterTime.getDocument("signature").getInt64("keyId").getValue()).isZero();
            times.add(operationTime);
        }
        assertThat(times.get(0)).isGreaterThan(previous);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isGreaterThan(times.get(i - 1));
        }
    }

    // Errors carry operationTime/$clusterTime too
    @Test
    void errorRepliesCarryClusterTime() {
        assertThatThrownBy(() -> admin("noSuchCommandAnywhere"))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> {
                            assertThat(e.getErrorCode()).isEqualTo(59);
                            assertThat(e.getResponse().containsKey("operationTime")).isTrue();
                            assertThat(e.getResponse().containsKey("$clusterTime")).isTrue();
                        });
    }

    // MongoDB manual, "Client Sessions": explicit sessions work (the driver sends lsid, and
    // txnNumber on retryable writes, since hello reports logicalSessionTimeoutMinutes)
    @Test
    void explicitSessionsWork() {
        MongoCollection<Document> c = client.getDatabase("sessions").getCollection("c");
        try (ClientSession session = client.startSession()) {
            c.insertOne(session, new Document("_id", 1));
            c.updateOne(
                    session, new Document("_id", 1), new Document("$set", new Document("a", 1)));
            assertThat(c.countDocuments(session)).isEqualTo(1);
        }
    }

    // Multi-document transactions are refused with a clear error
    @Test
    void transactionsAreRefused() {
        MongoCollection<Document> c = client.getDatabase("sessions").getCollection("t");
        try (ClientSession session = client.startSession()) {
            session.startTransaction();
            assertThatThrownBy(() -> c.insertOne(session, new Document("_id", 1)))
                    .hasMessageContaining("transactions are not supported");
        }
    }
}
