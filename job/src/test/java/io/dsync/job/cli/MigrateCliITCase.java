package io.dsync.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code dsync migrate}: one clear line on stderr, exit code 2, nothing written, no
 * password printed.
 */
class MigrateCliITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @TempDir static Path state;

    @BeforeAll
    static void seed() {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri())) {
            source.getDatabase("cli_shop")
                    .getCollection("orders")
                    .insertOne(new Document("_id", 1));
        }
    }

    private static CliRun migrate(String source, String destination, String... more) {
        String[] args = new String[6 + more.length];
        args[0] = "migrate";
        args[1] = "--source";
        args[2] = source;
        args[3] = "--destination";
        args[4] = destination;
        args[5] = "--checkpoint-dir=" + state.resolve("cp");
        System.arraycopy(more, 0, args, 6, more.length);
        return CliRun.of(args);
    }

    @Test
    void malformedConnectionString() {
        CliRun run = migrate("mongo://nope", SERVERS.destinationUri());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err())
                .contains("not a valid MongoDB connection string")
                .doesNotContain("\tat ");
    }

    @Test
    void unreachableHostWithinABoundedTimeAndNoPasswordShown() {
        CliRun run = migrate("mongodb://alice:s3cret@127.0.0.1:1/", SERVERS.destinationUri());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("cannot reach the source").doesNotContain("s3cret");
        assertThat(run.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void includeThatMatchesNothing() {
        CliRun run =
                migrate(SERVERS.sourceUri(), SERVERS.destinationUri(), "--include", "nosuchdb.*");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("--include nosuchdb.* matches no collection");
    }

    @Test
    void sameDeploymentAndNamespace() {
        CliRun run = migrate(SERVERS.sourceUri(), SERVERS.sourceUri(), "--include", "cli_shop");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("same deployment").contains("cli_shop.orders");
    }

    @Test
    void nonEmptyDestinationIsRefusedAndNothingIsWritten() {
        try (MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            destination
                    .getDatabase("cli_shop")
                    .getCollection("orders")
                    .insertOne(new Document("_id", "there"));
            CliRun run =
                    migrate(SERVERS.sourceUri(), SERVERS.destinationUri(), "--include", "cli_shop");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err())
                    .contains("cli_shop.orders already holds documents")
                    .contains("--allow-non-empty-destination");
            assertThat(destination.getDatabase("cli_shop").getCollection("orders").countDocuments())
                    .isEqualTo(1);
            destination.getDatabase("cli_shop").drop();
        }
    }

    /**
     * Issue 16, case 3: two source namespaces mapped onto one destination namespace would overwrite
     * and delete each other's documents; migrate refuses it before writing anything, as verify
     * does.
     */
    @Test
    void mapCollisionsAreRefusedBeforeAnythingIsWritten() {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            source.getDatabase("cli_map").getCollection("orders").insertOne(new Document("_id", 1));
            source.getDatabase("cli_map")
                    .getCollection("customers")
                    .insertOne(new Document("_id", 2));
            source.getDatabase("cli_sales")
                    .getCollection("orders")
                    .insertOne(new Document("_id", 3));
            source.getDatabase("cli_archive")
                    .getCollection("orders")
                    .insertOne(new Document("_id", 4));

            CliRun collectionMap =
                    migrate(
                            SERVERS.sourceUri(),
                            SERVERS.destinationUri(),
                            "--include",
                            "cli_map",
                            "--map",
                            "cli_map.orders:cli_map.customers",
                            "--mode",
                            "initial-sync");
            assertThat(collectionMap.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(collectionMap.err())
                    .contains("[cli_map.customers, cli_map.orders] -> cli_map.customers")
                    .contains("--map");
            assertThat(collectionMap.err().lines().count()).isEqualTo(1);

            CliRun databaseMap =
                    migrate(
                            SERVERS.sourceUri(),
                            SERVERS.destinationUri(),
                            "--include",
                            "cli_sales",
                            "--include",
                            "cli_archive",
                            "--map",
                            "cli_sales:cli_archive",
                            "--mode",
                            "initial-sync");
            assertThat(databaseMap.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(databaseMap.err())
                    .contains("[cli_archive.orders, cli_sales.orders] -> cli_archive.orders");
            assertThat(databaseMap.err().lines().count()).isEqualTo(1);

            assertThat(destination.listDatabaseNames().into(new java.util.ArrayList<>()))
                    .doesNotContain("cli_map", "cli_archive", "cli_sales");
        }
    }

    @Test
    void timeSeriesCollectionsAreRefusedByName() {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri())) {
            source.getDatabase("cli_ts")
                    .createCollection(
                            "metrics",
                            new com.mongodb.client.model.CreateCollectionOptions()
                                    .timeSeriesOptions(
                                            new com.mongodb.client.model.TimeSeriesOptions("at")));
            CliRun run =
                    migrate(SERVERS.sourceUri(), SERVERS.destinationUri(), "--include", "cli_ts");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err())
                    .contains("time-series collection cli_ts.metrics")
                    .contains("--exclude");
        }
    }

    @Test
    void aStandaloneSourceHasNoChangeStreamToFollow() {
        try (EmbeddedMongoServer standalone =
                MongoTestServers.startEmbedded(builder -> builder.replicaSet(false))) {
            try (MongoClient client = MongoClients.create(standalone.connectionString())) {
                client.getDatabase("solo").getCollection("c").insertOne(new Document("_id", 1));
            }
            CliRun run = migrate(standalone.connectionString(), SERVERS.destinationUri());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err())
                    .contains("standalone server, not a replica set or sharded cluster")
                    .contains("--mode initial-sync");
        }
    }

    @Test
    void wrongCredentialsAreReportedWithoutThePassword() {
        try (EmbeddedMongoServer secured =
                MongoTestServers.startEmbedded(builder -> builder.user("alice", "right-one"))) {
            String uri =
                    secured.connectionString().replace("mongodb://", "mongodb://alice:wrong-one@");
            CliRun run = migrate(uri, SERVERS.destinationUri());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err())
                    .contains("authentication to the source")
                    .contains("check the user name, password and authSource")
                    .doesNotContain("wrong-one")
                    .doesNotContain("right-one");
        }
    }

    @Test
    void usageErrors() {
        CliRun missing = CliRun.of("migrate", "--source", SERVERS.sourceUri());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(missing.err()).contains("--destination");

        CliRun badMode =
                migrate(SERVERS.sourceUri(), SERVERS.destinationUri(), "--mode", "sideways");
        assertThat(badMode.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badMode.err()).contains("unknown mode 'sideways'");

        CliRun badDuration =
                migrate(
                        SERVERS.sourceUri(),
                        SERVERS.destinationUri(),
                        "--checkpoint-interval",
                        "soon");
        assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badDuration.err()).contains("not a duration");
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("migrate")
                .contains("verify")
                .contains("demo")
                .contains("mongo-server");
    }
}
