package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import io.dsync.job.DsyncMain;
import io.dsync.job.cli.ExitCodes;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.CommandLog;
import io.dsync.mongoserver.testing.CommandLog.ReceivedCommand;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 6: the consistency settings dsync forces whatever the connection strings say.
 * Reads (range reads, the change stream's start point, the change stream) go to the primary with
 * read concern majority, and every write at the destination goes with {@code w: majority, j: true};
 * a connection-string option that contradicts this is refused before anything is written. The
 * embedded servers record what each command carried ({@link CommandLog}).
 */
class ConsistencySettingsITCase {

    private static final String DB = "consistency";
    private static final Set<String> READS = Set.of("find", "aggregate", "count", "distinct");
    private static final Set<String> WRITES =
            Set.of(
                    "insert",
                    "update",
                    "delete",
                    "findAndModify",
                    "create",
                    "createIndexes",
                    "collMod",
                    "dropIndexes",
                    "drop",
                    "renameCollection");

    @TempDir Path state;

    @Test
    void readsAndWritesCarryTheForcedConsistencyWhateverTheUriSays() throws Exception {
        CommandLog sourceLog = new CommandLog();
        CommandLog destinationLog = new CommandLog();
        try (EmbeddedMongoServer sourceServer =
                        MongoTestServers.startEmbedded(b -> b.addCommandObserver(sourceLog));
                EmbeddedMongoServer destinationServer =
                        MongoTestServers.startEmbedded(b -> b.addCommandObserver(destinationLog));
                MongoClient source = MongoClients.create(sourceServer.connectionString())) {
            MongoCollection<Document> items = source.getDatabase(DB).getCollection("items");
            for (int i = 0; i < 300; i++) {
                items.insertOne(
                        new Document("_id", i)
                                .append("k", i)
                                .append("v", 0)
                                .append("pad", "x".repeat(200)));
            }
            // unique: built non-unique while the migration runs, converted by the finalization
            items.createIndex(new Document("k", 1), new IndexOptions().unique(true));
            int seeded = sourceLog.commands().size();
            // Options that do not contradict what dsync forces are taken: w=1 on the source (dsync
            // makes no write there that the copy depends on), primary and majority spelled out.
            String sourceUri = withOptions(sourceServer.connectionString(), "w=1");
            String destinationUri =
                    withOptions(
                            destinationServer.connectionString(),
                            "readPreference=primary&readConcernLevel=majority&w=majority");
            MigrationSettings migrationSettings =
                    settings(sourceUri, destinationUri, state)
                            .includes(List.of(DB))
                            .rangeBytes(16 * 1024)
                            .build();
            try (LocalMigration migration =
                    new MigrationRunner(migrationSettings, quietOutput()).start()) {
                awaitSnapshotComplete(migration);
                items.updateOne(Filters.eq("_id", 1), Updates.set("v", 1));
                items.deleteOne(Filters.eq("_id", 2));
                items.insertOne(new Document("_id", 1000));
                awaitCaughtUp(migration, source);
            }
            new Finalization(sourceUri, destinationUri, List.of(DB), List.of(), List.of())
                    .run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            List<ReceivedCommand> dsyncAtSource =
                    sourceLog.commands().subList(seeded, sourceLog.commands().size());

            List<ReceivedCommand> rangeReads =
                    select(dsyncAtSource, c -> c.readsRange() && "items".equals(c.collection()));
            assertThat(rangeReads).as("range reads").hasSizeGreaterThan(1);
            assertMajorityOnThePrimary(rangeReads);

            List<ReceivedCommand> changeStreams =
                    select(dsyncAtSource, ReceivedCommand::opensChangeStream);
            // the first is the start point, taken before the copy; the reader's follow
            assertThat(changeStreams).as("change streams").hasSizeGreaterThanOrEqualTo(2);
            assertMajorityOnThePrimary(changeStreams);

            // every other read of the source too; $collStats (the range size) takes no majority
            assertMajorityOnThePrimary(
                    select(dsyncAtSource, c -> reads(c) && !c.aggregatesWith("$collStats")));

            List<ReceivedCommand> destinationWrites =
                    select(destinationLog.commands(), c -> WRITES.contains(c.name()));
            assertThat(destinationWrites)
                    .extracting(ReceivedCommand::name)
                    .contains("insert", "update", "delete", "createIndexes", "collMod");
            for (ReceivedCommand write : destinationWrites) {
                assertThat(write.writeConcern()).as("write concern of %s", write).isNotNull();
                assertThat(write.writeConcern().get("w"))
                        .as("w of %s", write)
                        .isEqualTo("majority");
                assertThat(write.writeConcern().get("j")).as("j of %s", write).isEqualTo(true);
            }
            assertMajorityOnThePrimary(select(destinationLog.commands(), c -> reads(c)));
        }
    }

    @Test
    void uriOptionsThatContradictTheForcedSettingsAreRefusedBeforeAnythingIsWritten()
            throws Exception {
        try (EmbeddedMongoServer sourceServer = MongoTestServers.startEmbedded(b -> {});
                EmbeddedMongoServer destinationServer = MongoTestServers.startEmbedded(b -> {});
                MongoClient source = MongoClients.create(sourceServer.connectionString());
                MongoClient destination =
                        MongoClients.create(destinationServer.connectionString())) {
            source.getDatabase(DB).getCollection("items").insertOne(new Document("_id", 1));
            String s = sourceServer.connectionString();
            String d = destinationServer.connectionString();
            assertRefused(
                    withOptions(s, "readPreference=secondaryPreferred"),
                    d,
                    "the source's connection string sets readPreference=secondaryPreferred");
            assertRefused(
                    withOptions(s, "readConcernLevel=local"),
                    d,
                    "the source's connection string sets readConcernLevel=local");
            assertRefused(
                    s,
                    withOptions(d, "readPreference=nearest"),
                    "the destination's connection string sets readPreference=nearest");
            assertRefused(s, withOptions(d, "w=1"), "the destination's connection string sets w=1");
            assertRefused(
                    s,
                    withOptions(d, "journal=false"),
                    "the destination's connection string sets journal=false");
            // verify reads as migrate does, and says so before reading
            assertThat(
                            refused(
                                    "verify",
                                    "--source",
                                    withOptions(s, "readPreference=secondary"),
                                    "--destination",
                                    d))
                    .contains("the source's connection string sets readPreference=secondary");
            assertThat(destination.listDatabaseNames().into(new ArrayList<>())).doesNotContain(DB);
        }
    }

    @Test
    void aSecondaryReachedDirectlyIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (EmbeddedMongoServer sourceServer = MongoTestServers.startEmbedded(b -> {});
                EmbeddedMongoServer destinationServer = MongoTestServers.startEmbedded(b -> {});
                MongoClient source = MongoClients.create(sourceServer.connectionString());
                MongoClient destination =
                        MongoClients.create(destinationServer.connectionString())) {
            source.getDatabase(DB).getCollection("items").insertOne(new Document("_id", 1));
            sourceServer.answerAsSecondary();
            String direct =
                    "mongodb://127.0.0.1:" + sourceServer.port() + "/?directConnection=true";
            assertRefused(
                    direct,
                    destinationServer.connectionString(),
                    "the source at 127.0.0.1:"
                            + sourceServer.port()
                            + " is not the primary of replica set");
            assertThat(
                            refused(
                                    "verify",
                                    "--source",
                                    direct,
                                    "--destination",
                                    destinationServer.connectionString(),
                                    "--include",
                                    DB))
                    .contains(
                            "the source at 127.0.0.1:"
                                    + sourceServer.port()
                                    + " is not the primary of replica set");
            assertThat(destination.listDatabaseNames().into(new ArrayList<>())).doesNotContain(DB);
        }
    }

    private void assertRefused(String source, String destination, String expected) {
        String err =
                refused(
                        "migrate",
                        "--source",
                        source,
                        "--destination",
                        destination,
                        "--include",
                        DB,
                        "--mode",
                        "initial-sync",
                        "--checkpoint-dir=" + state.resolve("cp"));
        assertThat(err).contains(expected);
        assertThat(err.strip().lines()).hasSize(1);
    }

    /** Runs the command line, requires exit code 2 and no stack trace; returns its stderr. */
    private static String refused(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(quietOutput());
            code = DsyncMain.run(args);
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(message).isEqualTo(ExitCodes.ERROR);
        assertThat(message).doesNotContain("\tat ");
        return message;
    }

    private static void assertMajorityOnThePrimary(List<ReceivedCommand> commands) {
        assertThat(commands).isNotEmpty();
        for (ReceivedCommand command : commands) {
            assertThat(command.readConcernLevel())
                    .as("read concern of %s", command)
                    .isEqualTo("majority");
            assertThat(command.readPreferenceMode())
                    .as("read preference of %s", command)
                    .isIn(null, "primary");
        }
    }

    private static boolean reads(ReceivedCommand command) {
        return READS.contains(command.name());
    }

    private static List<ReceivedCommand> select(
            List<ReceivedCommand> commands, java.util.function.Predicate<ReceivedCommand> filter) {
        return commands.stream().filter(filter).toList();
    }

    private static String withOptions(String uri, String options) {
        return uri + (uri.contains("?") ? "&" : (uri.endsWith("/") ? "?" : "/?")) + options;
    }
}
