package io.dsync.job.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.job.cli.DurationConverter;
import io.dsync.job.cli.ExitCodes;
import io.dsync.job.cli.VersionProvider;
import io.dsync.job.migrate.Finalization;
import io.dsync.job.migrate.LocalMigration;
import io.dsync.job.migrate.MigrationRunner;
import io.dsync.job.migrate.MigrationSettings;
import io.dsync.job.migrate.MigrationStatus;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.verify.VerifyOptions;
import io.dsync.verify.VerifyRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.bson.BsonTimestamp;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dsync demo}: the whole product on this machine in a minute, with nothing to install: two
 * embedded servers, a seeded source with an application writing to it, the migration with live
 * status, cutover once the copy is done and the lag is near zero, and verify.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Start two embedded MongoDB-compatible servers, seed the source, keep writing to it,"
                    + " migrate with live status, stop the writes once the copy is done and the lag"
                    + " is near zero, wait for lag 0, and verify. Exits 0 only when verify passes."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--docs",
            paramLabel = "N",
            defaultValue = "30000",
            description = "Documents to seed the source with. Default: ${DEFAULT-VALUE}.")
    int docs;

    @Option(
            names = "--writes-per-second",
            paramLabel = "N",
            defaultValue = "100",
            description = "Live writes to the source while migrating. Default: ${DEFAULT-VALUE}.")
    int writesPerSecond;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel readers and writers. Default: the number of cores.")
    Integer parallelism;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description =
                    "Give up when the migration is not ready for cutover by then."
                            + " Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        out.println("dsync demo: starting two embedded MongoDB-compatible servers ...");
        try (EmbeddedMongoServer source = EmbeddedMongoServer.builder().port(0).build().start();
                EmbeddedMongoServer destination =
                        EmbeddedMongoServer.builder().port(0).build().start();
                MongoClient client = MongoClients.create(source.connectionString())) {
            out.println("  source:      " + source.connectionString());
            out.println("  destination: " + destination.connectionString());
            DemoData data = new DemoData(42);
            out.printf(
                    "Seeding the source with %,d documents in %d collections ...%n",
                    docs, DemoData.NAMESPACES.size());
            data.seed(client, docs);

            Path state = Files.createTempDirectory("dsync-demo-");
            MigrationSettings.Builder settings =
                    MigrationSettings.builder()
                            .source(source.connectionString())
                            .destination(destination.connectionString())
                            .checkpointInterval(Duration.ofSeconds(2))
                            .copyCheckpointInterval(Duration.ofSeconds(2))
                            .checkpointDir(state.resolve("checkpoints"))
                            .savepointDir(state.resolve("savepoints"))
                            .statusInterval(Duration.ofSeconds(2));
            if (parallelism != null) {
                settings.parallelism(parallelism);
            }
            migrate(settings.build(), client, data);
            out.println("Finalizing: making the unique indexes unique ...");
            new Finalization(
                            source.connectionString(),
                            destination.connectionString(),
                            List.of(),
                            List.of(),
                            List.of())
                    .run(out);

            out.println();
            out.println("Verifying: comparing every document of both sides by _id ...");
            int verdict =
                    new VerifyRunner(out)
                            .run(
                                    VerifyOptions.builder()
                                            .sourceUri(source.connectionString())
                                            .destinationUri(destination.connectionString())
                                            .build());
            out.println();
            if (verdict != ExitCodes.OK) {
                out.println("verify found differences (see above).");
                return ExitCodes.FINDING;
            }
            out.println("verified: identical");
            printNextSteps();
            return ExitCodes.OK;
        }
    }

    private void migrate(MigrationSettings settings, MongoClient client, DemoData data)
            throws Exception {
        out.printf(
                "Migrating while the application writes %d changes/s to the source ...%n",
                writesPerSecond);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DemoWriter writer = new DemoWriter(client, data, writesPerSecond).start();
                LocalMigration migration = new MigrationRunner(settings, out).start();
                MigrationStatus status = new MigrationStatus(migration, out)) {
            int readyPolls = 0;
            while (readyPolls < 2) {
                checkRunning(migration, deadline);
                Thread.sleep(2000);
                status.print();
                readyPolls = MigrationStatus.readyForCutover(status.figures()) ? readyPolls + 1 : 0;
            }
            writer.close();
            status.print();
            BsonTimestamp stoppedAt = clusterTime(client);
            out.printf(
                    "Ready for cutover: the application stops writing (%,d changes made);"
                            + " waiting until every change is applied ...%n",
                    writer.operations());
            while (true) {
                checkRunning(migration, deadline);
                if (MigrationStatus.durableAtLeast(status.figures(), stoppedAt)) {
                    break;
                }
                Thread.sleep(1000);
            }
            status.print();
            out.println("Lag 0: every change is durable at the destination. Stopping the job.");
            migration.cancel();
        }
    }

    private static void checkRunning(LocalMigration migration, long deadline) throws Exception {
        if (!migration.isRunning()) {
            migration.awaitSuccess();
            throw new IllegalStateException("the migration job ended unexpectedly");
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the migration was not ready for cutover in time");
        }
    }

    private static BsonTimestamp clusterTime(MongoClient client) {
        Object time =
                client.getDatabase("admin")
                        .runCommand(new Document("ping", 1))
                        .get("operationTime");
        if (time instanceof BsonTimestamp t) {
            return t;
        }
        throw new IllegalStateException("the source reports no operationTime");
    }

    private void printNextSteps() {
        out.println();
        out.println("The same against real databases:");
        out.println(
                "  ./dsync migrate --source 'mongodb://user:pass@source-host/?replicaSet=rs0' \\");
        out.println("                  --destination 'mongodb+srv://user:pass@destination-host/'");
        out.println(
                "  # ... when the status line says READY FOR CUTOVER: stop the application's writes,");
        out.println("  # wait for lag 0, press Ctrl-C (a savepoint is taken), then:");
        out.println("  ./dsync finalize --source ... --destination ...");
        out.println("  ./dsync verify --source ... --destination ...");
    }
}
