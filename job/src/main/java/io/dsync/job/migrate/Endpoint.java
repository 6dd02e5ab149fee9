package io.dsync.job.migrate;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.connectors.consistency.ContradictingUriOptions;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.consistency.PrimaryMember;
import io.dsync.connectors.sink.ConnectionStrings;
import io.dsync.job.cli.ErrorMessages;
import io.dsync.job.cli.UserError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * One side of a migration (source or destination) as the CLI checks it before starting: a parsed
 * connection string and a client with bounded timeouts, so that an unreachable host or wrong
 * credentials give one clear line instead of a hang or a stack trace. The client reads and writes
 * with the consistency dsync forces ({@link ForcedConsistency}); a connection-string option that
 * contradicts it is refused here, before anything is read or written.
 */
public final class Endpoint implements AutoCloseable {

    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    private static final String UNENCODED =
            "its user name or password holds a character that must be percent-encoded:"
                    + " @ : / ? # [ ] % (for example @ as %40)";

    private final String role;
    private final ConnectionString connectionString;
    private final MongoClient client;

    private Endpoint(String role, ConnectionString connectionString, MongoClient client) {
        this.role = role;
        this.connectionString = connectionString;
        this.client = client;
    }

    /** Parses and connects; {@code role} ("source", "destination") names the side in errors. */
    public static Endpoint connect(String role, String uri) {
        ConnectionString connectionString = parse(role, uri);
        ContradictingUriOptions.find(role, connectionString, role.equals("destination"))
                .ifPresent(
                        message -> {
                            throw new UserError(message);
                        });
        MongoClientSettings settings =
                ForcedConsistency.settings(connectionString)
                        .applyToClusterSettings(
                                b ->
                                        b.serverSelectionTimeout(
                                                CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .applyToSocketSettings(
                                b -> b.connectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .build();
        MongoClient client = MongoClients.create(settings);
        Endpoint endpoint = new Endpoint(role, connectionString, client);
        try {
            endpoint.command(new Document("ping", 1));
            endpoint.requirePrimary();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return endpoint;
    }

    /**
     * Parses a connection string; a user error naming {@code role} when it is not one, or when the
     * driver would take another password than the one dsync hides in messages (an unencoded {@code
     * /} cuts it short, and the rest would be taken for a host): no message may show any of it.
     */
    public static ConnectionString parse(String role, String uri) {
        ConnectionString connectionString;
        try {
            connectionString = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    "the "
                            + role
                            + " is not a valid MongoDB connection string ("
                            + reasonWithoutPassword(uri, e)
                            + "); expected mongodb://host:port or mongodb+srv://host");
        }
        String password = ConnectionStrings.passwordOf(uri);
        if (password != null
                && (connectionString.getPassword() == null
                        || !new String(connectionString.getPassword()).equals(decoded(password)))) {
            throw new UserError(
                    "the "
                            + role
                            + " is not a valid MongoDB connection string ("
                            + UNENCODED
                            + ")");
        }
        return connectionString;
    }

    /**
     * Why the driver refused {@code uri}, from the same string with its password hidden: the
     * driver's own message may quote a piece of an unencoded password as a host or a port.
     */
    private static String reasonWithoutPassword(String uri, IllegalArgumentException e) {
        String redacted = ConnectionStrings.redact(uri);
        if (redacted.equals(uri)) {
            return ErrorMessages.redact(e.getMessage());
        }
        try {
            new ConnectionString(redacted);
        } catch (IllegalArgumentException again) {
            return ErrorMessages.redact(again.getMessage());
        }
        return UNENCODED;
    }

    /** A password as the driver decodes it ({@code +} stays a plus). */
    private static String decoded(String password) {
        try {
            return URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return password;
        }
    }

    /** Refuses a replica-set member that is not the primary ({@link PrimaryMember}). */
    private void requirePrimary() {
        PrimaryMember.refusal(command(new Document("hello", 1)), role, hosts())
                .ifPresent(
                        message -> {
                            throw new UserError(message);
                        });
    }

    public MongoClient client() {
        return client;
    }

    public String role() {
        return role;
    }

    /** The hosts as written in the connection string, for messages and comparisons. */
    public String hosts() {
        return String.join(",", connectionString.getHosts());
    }

    /** Runs an admin command, turning connection and authentication failures into user errors. */
    public Document command(Document command) {
        try {
            return client.getDatabase("admin").runCommand(command);
        } catch (MongoSecurityException e) {
            throw new UserError(
                    "authentication to the "
                            + role
                            + " ("
                            + hosts()
                            + ") failed: check the user name, password and authSource",
                    e);
        } catch (MongoTimeoutException e) {
            throw new UserError(
                    "cannot reach the "
                            + role
                            + " at "
                            + hosts()
                            + " within "
                            + CONNECT_TIMEOUT_SECONDS
                            + "s: check the host, port, network and TLS settings",
                    e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
