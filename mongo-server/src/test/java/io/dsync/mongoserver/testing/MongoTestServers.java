package io.dsync.mongoserver.testing;

import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.EmbeddedMongoServerOptions;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a SOURCE and a DESTINATION MongoDB: the replica sets named by the environment
 * variables {@value #SOURCE_ENV} and {@value #DESTINATION_ENV} when both are set, else two {@link
 * EmbeddedMongoServer}s on free loopback ports, started before the class's first test and closed
 * after its last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MongoTestServers servers = MongoTestServers.create();
 *
 * @Test
 * void copies() {
 *     try (MongoClient source = MongoClients.create(servers.sourceUri())) { ... }
 * }
 * }</pre>
 *
 * For a server of its own with particular options (e.g. a small retained oplog), a test calls
 * {@link #startEmbedded(Consumer)} and closes the server itself.
 */
public final class MongoTestServers implements BeforeAllCallback, AfterAllCallback {

    public static final String SOURCE_ENV = "DSYNC_TEST_SOURCE_URI";
    public static final String DESTINATION_ENV = "DSYNC_TEST_DESTINATION_URI";

    private final Consumer<EmbeddedMongoServerOptions.Builder> options;
    private EmbeddedMongoServer source;
    private EmbeddedMongoServer destination;
    private String sourceUri;
    private String destinationUri;

    private MongoTestServers(Consumer<EmbeddedMongoServerOptions.Builder> options) {
        this.options = options;
    }

    /** Servers with default options (change streams on). */
    public static MongoTestServers create() {
        return new MongoTestServers(builder -> {});
    }

    /** Embedded servers built with these options (ignored when the environment names servers). */
    public static MongoTestServers create(Consumer<EmbeddedMongoServerOptions.Builder> options) {
        return new MongoTestServers(options);
    }

    /** Starts a fresh embedded server on a free loopback port; the caller closes it. */
    public static EmbeddedMongoServer startEmbedded(
            Consumer<EmbeddedMongoServerOptions.Builder> options) {
        EmbeddedMongoServerOptions.Builder builder =
                EmbeddedMongoServer.builder().host("127.0.0.1").port(0);
        options.accept(builder);
        return builder.build().start();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String envSource = System.getenv(SOURCE_ENV);
        String envDestination = System.getenv(DESTINATION_ENV);
        if (isSet(envSource) != isSet(envDestination)) {
            throw new IllegalStateException(
                    "set both "
                            + SOURCE_ENV
                            + " and "
                            + DESTINATION_ENV
                            + " (real MongoDB replica sets) or neither (embedded servers)");
        }
        if (isSet(envSource)) {
            sourceUri = envSource;
            destinationUri = envDestination;
            return;
        }
        source = startEmbedded(options);
        destination = startEmbedded(options);
        sourceUri = source.connectionString();
        destinationUri = destination.connectionString();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (EmbeddedMongoServer s = source;
                EmbeddedMongoServer d = destination) {
            source = null;
            destination = null;
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Connection string of the source. */
    public String sourceUri() {
        return requireStarted(sourceUri);
    }

    /** Connection string of the destination. */
    public String destinationUri() {
        return requireStarted(destinationUri);
    }

    /** Whether the servers are embedded ones (false when taken from the environment). */
    public boolean embedded() {
        return source != null;
    }

    /** The embedded source server, for its clock or options; fails for environment servers. */
    public EmbeddedMongoServer sourceServer() {
        return requireEmbedded(source);
    }

    /** The embedded destination server; fails for environment servers. */
    public EmbeddedMongoServer destinationServer() {
        return requireEmbedded(destination);
    }

    private static String requireStarted(String uri) {
        if (uri == null) {
            throw new IllegalStateException(
                    "servers not started: register MongoTestServers with @RegisterExtension on a"
                            + " static field");
        }
        return uri;
    }

    private static EmbeddedMongoServer requireEmbedded(EmbeddedMongoServer server) {
        if (server == null) {
            throw new IllegalStateException(
                    "no embedded server: the servers come from "
                            + SOURCE_ENV
                            + "/"
                            + DESTINATION_ENV);
        }
        return server;
    }
}
