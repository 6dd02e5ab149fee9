package io.dsync.connectors.flavor;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;

/**
 * Works out the {@link Flavor} of a deployment, as mongosh does (package {@code
 * mongodb-build-info}): first from the host names of the connection string, then from the server's
 * replies.
 *
 * <ul>
 *   <li>Cosmos DB: hosts ending in {@code .mongo.cosmos.azure.com} (or the older {@code
 *       .documents.azure.com}); its {@code buildInfo} carries a {@code _t} field, and the replica
 *       set of a request-unit account is called {@code globaldb}.
 *   <li>DocumentDB: hosts ending in {@code .docdb.amazonaws.com} or {@code
 *       .docdb-elastic.amazonaws.com}; it refuses {@code getCmdLineOpts} with "Feature not
 *       supported".
 * </ul>
 */
public final class FlavorDetector {

    /** The replica set name every Cosmos DB for MongoDB request-unit account reports. */
    static final String COSMOS_REPLICA_SET = "globaldb";

    private FlavorDetector() {}

    /** The flavor the host names (with or without ports) say, if any. */
    public static Optional<Flavor> fromHosts(List<String> hosts) {
        for (String host : hosts) {
            String name = hostName(host);
            if (name.endsWith(".mongo.cosmos.azure.com") || name.endsWith(".documents.azure.com")) {
                return Optional.of(Flavor.COSMOS);
            }
            if (name.endsWith(".docdb.amazonaws.com")
                    || name.endsWith(".docdb-elastic.amazonaws.com")) {
                return Optional.of(Flavor.DOCUMENTDB);
            }
        }
        return Optional.empty();
    }

    /**
     * The flavor the server's replies say, if any.
     *
     * @param hello the reply to {@code hello} (may be null)
     * @param buildInfo the reply to {@code buildInfo} (may be null)
     * @param cmdLineOptsError the message of the error {@code getCmdLineOpts} failed with, or null
     *     when it succeeded
     */
    public static Optional<Flavor> fromReplies(
            Document hello, Document buildInfo, String cmdLineOptsError) {
        if (buildInfo != null && buildInfo.containsKey("_t")) {
            return Optional.of(Flavor.COSMOS);
        }
        if (hello != null && COSMOS_REPLICA_SET.equals(hello.getString("setName"))) {
            return Optional.of(Flavor.COSMOS);
        }
        if (cmdLineOptsError != null
                && cmdLineOptsError.toLowerCase(Locale.ROOT).contains("not supported")) {
            return Optional.of(Flavor.DOCUMENTDB);
        }
        return Optional.empty();
    }

    /**
     * Detects the flavor of a deployment: the override when given, else the host names, else the
     * replies of {@code hello}, {@code buildInfo} and {@code getCmdLineOpts}, else MongoDB.
     */
    public static FlavorDetection detect(MongoClient client, List<String> hosts, Flavor override) {
        if (override != null) {
            return new FlavorDetection(override, "given on the command line");
        }
        Optional<Flavor> byHost = fromHosts(hosts);
        if (byHost.isPresent()) {
            return new FlavorDetection(byHost.get(), "from the host name");
        }
        Document hello = command(client, new Document("hello", 1));
        Document buildInfo = command(client, new Document("buildInfo", 1));
        String cmdLineOptsError = null;
        try {
            client.getDatabase("admin").runCommand(new Document("getCmdLineOpts", 1));
        } catch (MongoException e) {
            cmdLineOptsError = String.valueOf(e.getMessage());
        }
        return fromReplies(hello, buildInfo, cmdLineOptsError)
                .map(flavor -> new FlavorDetection(flavor, "from the server's replies"))
                .orElse(new FlavorDetection(Flavor.MONGODB, "no other flavor detected"));
    }

    private static Document command(MongoClient client, Document command) {
        try {
            return client.getDatabase("admin").runCommand(command);
        } catch (MongoException e) {
            return null;
        }
    }

    private static String hostName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 ? name.substring(1, end) : name;
        }
        int colon = name.lastIndexOf(':');
        name = colon >= 0 ? name.substring(0, colon) : name;
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
