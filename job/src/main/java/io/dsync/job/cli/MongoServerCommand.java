package io.dsync.job.cli;

import io.dsync.job.run.StopSignal;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.changestream.ChangeStreams;
import io.dsync.mongoserver.flavor.ServerFlavor;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dsync mongo-server}: the embedded MongoDB-compatible server, in the foreground. */
@Command(
        name = "mongo-server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Start the embedded MongoDB-compatible server (an in-memory one-member replica set with"
                    + " change streams) and print its connection string; Ctrl-C stops it.",
            "For trying dsync without a MongoDB, tests and the demo: it keeps data in memory only."
        })
public final class MongoServerCommand implements Callable<Integer> {

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "27017",
            description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--oplog-entries",
            paramLabel = "N",
            description =
                    "Change events kept for resuming; older resume points fail with"
                            + " ChangeStreamHistoryLost. Default: "
                            + ChangeStreams.DEFAULT_RETAINED_ENTRIES
                            + ".")
    Integer oplogEntries;

    @Option(
            names = "--flavor",
            paramLabel = "FLAVOR",
            defaultValue = "mongodb",
            description =
                    "Behave like mongodb, cosmos (Azure Cosmos DB for MongoDB: per-collection"
                            + " change streams without deletes, no startAtOperationTime, no"
                            + " $sample/splitVector) or documentdb (Amazon DocumentDB: change"
                            + " streams only after modifyChangeStreams). Default: ${DEFAULT-VALUE}.")
    String flavor;

    @Option(
            names = "--throttle-writes",
            paramLabel = "DOCS_PER_SEC",
            defaultValue = "0",
            description =
                    "With --flavor cosmos: refuse writes beyond this many documents per second"
                            + " with error 16500 and RetryAfterMs (0 = never). Default:"
                            + " ${DEFAULT-VALUE}.")
    long throttleWrites;

    @Option(
            names = "--standalone",
            description =
                    "Answer as a standalone server (no replica set, no change streams)"
                            + " instead of a one-member replica set.")
    boolean standalone;

    @Option(
            names = "--user",
            paramLabel = "NAME:PASSWORD",
            description = "Require SCRAM authentication as this user (authSource admin).")
    String user;

    @Override
    public Integer call() throws Exception {
        var builder = EmbeddedMongoServer.builder().host(host).port(port).replicaSet(!standalone);
        if (user != null) {
            int colon = user.indexOf(':');
            if (colon <= 0 || colon == user.length() - 1) {
                throw new UserError("--user takes NAME:PASSWORD");
            }
            builder.user(user.substring(0, colon), user.substring(colon + 1));
        }
        if (oplogEntries != null) {
            builder.retainedOplogEntries(oplogEntries);
        }
        EmbeddedMongoServer server;
        try {
            builder.flavor(ServerFlavor.parse(flavor)).throttleWritesAbove(throttleWrites);
            server = builder.build().start();
        } catch (RuntimeException e) {
            throw new UserError(
                    "cannot start the server on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        try (server;
                StopSignal stop = StopSignal.onInterrupt()) {
            System.out.println(
                    "MongoDB-compatible server ("
                            + server.options().flavor().cliName()
                            + " flavor) listening; connect with:");
            System.out.println("  " + server.connectionString());
            System.out.println("(in memory only; Ctrl-C stops it)");
            System.out.flush();
            while (!stop.await(Duration.ofHours(1))) {
                // serve until interrupted
            }
            System.out.println("Stopped.");
        }
        return ExitCodes.OK;
    }
}
