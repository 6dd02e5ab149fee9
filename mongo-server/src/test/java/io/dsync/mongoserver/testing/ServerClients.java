package io.dsync.mongoserver.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A client of each test server for one ITCase class: connected before its {@code @BeforeAll}
 * methods (and so before its test instances, whose fields may take them), and after all its tests
 * the databases it was given are dropped on both sides and the clients closed. Register it after
 * the servers, which must still run for the clean-up:
 *
 * <pre>
 * &#64;RegisterExtension &#64;Order(1) static final MongoTestServers SERVERS = MongoTestServers.create();
 * &#64;RegisterExtension &#64;Order(2) static final ServerClients CLIENTS = ServerClients.of(SERVERS, DB);
 * </pre>
 */
public final class ServerClients implements BeforeAllCallback, AfterAllCallback {

    private final MongoTestServers servers;
    private final List<String> databases;
    private MongoClient source;
    private MongoClient destination;

    private ServerClients(MongoTestServers servers, List<String> databases) {
        this.servers = servers;
        this.databases = databases;
    }

    /** Clients of {@code servers}; {@code databases} are dropped on both sides after all tests. */
    public static ServerClients of(MongoTestServers servers, String... databases) {
        return new ServerClients(servers, List.of(databases));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        source = MongoClients.create(servers.sourceUri());
        destination = MongoClients.create(servers.destinationUri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (MongoClient s = source;
                MongoClient d = destination) {
            for (String database : databases) {
                s.getDatabase(database).drop();
                d.getDatabase(database).drop();
            }
        }
    }

    public MongoClient source() {
        return source;
    }

    public MongoClient destination() {
        return destination;
    }
}
