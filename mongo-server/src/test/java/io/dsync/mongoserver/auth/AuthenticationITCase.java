package io.dsync.mongoserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a user configured, the server requires SCRAM authentication as MongoDB does: the right
 * password works (SCRAM-SHA-256, speculative or not, and SCRAM-SHA-1), a wrong one fails with
 * AuthenticationFailed (18), and an unauthenticated connection gets Unauthorized (13). MongoDB
 * manual, "SCRAM" and "Authentication".
 */
class AuthenticationITCase {

    private static final String USER = "dsync";
    private static final String PASSWORD = "s3cret-Pässword";

    private static EmbeddedMongoServer server;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.user(USER, PASSWORD));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static MongoClient client(MongoCredential credential) {
        MongoClientSettings.Builder settings =
                MongoClientSettings.builder()
                        .applyConnectionString(new ConnectionString(server.connectionString()))
                        .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS));
        if (credential != null) {
            settings.credential(credential);
        }
        return MongoClients.create(settings.build());
    }

    private static void writeAndRead(MongoClient client) {
        var collection = client.getDatabase("auth").getCollection("docs");
        collection.insertOne(new Document("x", 1));
        assertThat(collection.find().first()).isNotNull();
    }

    @Test
    void rightCredentialsWorkWithEveryMechanism() {
        for (MongoCredential credential :
                new MongoCredential[] {
                    MongoCredential.createCredential(USER, "admin", PASSWORD.toCharArray()),
                    MongoCredential.createScramSha256Credential(
                            USER, "admin", PASSWORD.toCharArray()),
                    MongoCredential.createScramSha1Credential(USER, "admin", PASSWORD.toCharArray())
                }) {
            try (MongoClient client = client(credential)) {
                writeAndRead(client);
            }
        }
    }

    @Test
    void wrongPasswordFailsAuthentication() {
        try (MongoClient client =
                client(MongoCredential.createCredential(USER, "admin", "wrong".toCharArray()))) {
            assertThatThrownBy(() -> writeAndRead(client))
                    .isInstanceOf(MongoSecurityException.class)
                    .hasRootCauseInstanceOf(MongoCommandException.class)
                    .rootCause()
                    .satisfies(
                            e -> {
                                MongoCommandException command = (MongoCommandException) e;
                                assertThat(command.getErrorCode()).isEqualTo(18);
                                assertThat(command.getErrorMessage())
                                        .isEqualTo("Authentication failed.");
                            });
        }
        try (MongoClient client =
                client(MongoCredential.createCredential("nobody", "admin", "x".toCharArray()))) {
            assertThatThrownBy(() -> writeAndRead(client))
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    @Test
    void withoutCredentialsOnlyTheHandshakeRuns() {
        try (MongoClient client = client(null)) {
            assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)))
                    .containsEntry("ok", 1.0);
            assertThatThrownBy(() -> writeAndRead(client))
                    .isInstanceOfSatisfying(
                            MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(13));
        }
    }
}
