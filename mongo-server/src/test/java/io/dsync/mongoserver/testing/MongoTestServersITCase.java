package io.dsync.mongoserver.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.mongoserver.EmbeddedMongoServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared test support gives a working source and destination, and fresh servers on demand. */
class MongoTestServersITCase {

    @RegisterExtension
    static final MongoTestServers servers = MongoTestServers.create(b -> b.changeStreams(false));

    @Test
    void sourceAndDestinationAreDistinctWorkingServers() {
        assertThat(servers.sourceUri()).isNotEqualTo(servers.destinationUri());
        try (MongoClient source = MongoClients.create(servers.sourceUri());
                MongoClient destination = MongoClients.create(servers.destinationUri())) {
            source.getDatabase("t").getCollection("c").insertOne(new Document("_id", 1));
            assertThat(source.getDatabase("t").getCollection("c").countDocuments()).isEqualTo(1);
            assertThat(destination.getDatabase("t").getCollection("c").countDocuments()).isZero();
        }
    }

    @Test
    void freshServerReleasesItsPortOnClose() throws IOException {
        int port;
        try (EmbeddedMongoServer server =
                        MongoTestServers.startEmbedded(
                                b -> b.changeStreams(false).retainedOplogEntries(10));
                MongoClient client = MongoClients.create(server.connectionString())) {
            port = server.port();
            assertThat(server.options().retainedOplogEntries()).isEqualTo(10);
            assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
                    .isEqualTo(1.0);
        }
        try (ServerSocket socket = new ServerSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
