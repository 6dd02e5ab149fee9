package io.dsync.job.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.connectors.flavor.Flavor;
import io.dsync.connectors.flavor.FlavorDetector;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Prints the flavor of both sides for {@code dsync verify} (given with {@code --source-flavor} /
 * {@code --destination-flavor}, or detected). Verify reads both sides the same way whatever their
 * flavor; a side that cannot be reached here is left to the verify run to report.
 */
final class FlavorReport {

    private FlavorReport() {}

    static void print(
            PrintStream out, String sourceUri, String destinationUri, FlavorOptions given) {
        out.println("Source: " + describe(sourceUri, given.source()));
        out.println("Destination: " + describe(destinationUri, given.destination()));
    }

    private static String describe(String uri, Flavor override) {
        try {
            ConnectionString connectionString = new ConnectionString(uri);
            MongoClientSettings settings =
                    MongoClientSettings.builder()
                            .applyConnectionString(connectionString)
                            .applyToClusterSettings(
                                    b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                            .build();
            try (MongoClient client = MongoClients.create(settings)) {
                return FlavorDetector.detect(client, connectionString.getHosts(), override)
                        .describe();
            }
        } catch (RuntimeException e) {
            return override != null ? override.displayName() + " (given)" : "flavor unknown";
        }
    }
}
