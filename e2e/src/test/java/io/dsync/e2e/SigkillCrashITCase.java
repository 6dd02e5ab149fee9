package io.dsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.job.run.CheckpointLocator;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 12 ("the crash tests do not crash"): {@code dsync migrate} in a JVM of its own,
 * killed with SIGKILL in the middle of the copy (twice: the resumed run too), in the middle of
 * following the change stream, in the middle of a DDL and after a rename was applied but before a
 * checkpoint recorded it, while the application updates, deletes and re-inserts documents of the
 * ranges not yet copied (and goes on while dsync is down; during the copy it also creates a
 * collection as the migration starts and keeps inserting into it and deleting its oldest documents,
 * the scenario of case 14); then {@code dsync migrate --resume} with the same arguments must
 * complete the copy, catch up, and leave the destination byte for byte equal to the source, indexes
 * included. Each crash point is reached by watching dsync's progress (a completed checkpoint and
 * destination counts, its status lines, its log) or, on an embedded destination, by holding the
 * drop dsync sends, never by sleeping; a {@code --write-rate-limit} keeps the copy in progress long
 * enough to get there.
 */
class SigkillCrashITCase {

    private static final Duration STEP = Duration.ofMinutes(3);
    private static final Pattern CHANGES =
            Pattern.compile("changes ([\\d,]+) ins ([\\d,]+) upd ([\\d,]+) repl ([\\d,]+) del");

    /** What the source reader logs when the change stream stops at a DDL event, and after it. */
    private static final String DDL_REACHED = "Change stream reached";

    private static final String DDL_APPLIED = " to the destination";

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS =
            ServerClients.of(SERVERS, "crash_copy", "crash_stream", "crash_ddl", "crash_rename");

    @TempDir Path temp;

    private final Path home =
            Path.of(System.getProperty("dsync.home", "..")).toAbsolutePath().normalize();
    private final List<DsyncProcess> started = new ArrayList<>();
    private String destinationUri = SERVERS.destinationUri();
    private MongoClient destination = CLIENTS.destination();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (DsyncProcess process : started) {
            process.close();
        }
    }

    @Test
    void killedMidCopyWhileTheApplicationRewritesTheRangesNotYetCopied() throws Throwable {
        String db = "crash_copy";
        List<String> collections = List.of("orders", "customers");
        int seeded = 2_500;
        UncopiedRangeWriter.seed(CLIENTS.source(), db, collections, seeded);
        // Small ranges, several per collection; the rate limit keeps the copy going for seconds.
        List<String> args = arguments(db, "--write-rate-limit", "400", "--range-size", "65536");
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, collections, seeded)) {
            writer.start();
            DsyncProcess first = start("first", args);
            // As the migration starts (its checks done, its start point taken next), the
            // application creates a collection and keeps inserting into it and deleting its
            // oldest documents (the scenario of case 14).
            first.awaitOutput("dsync migrate (full)", STEP);
            writer.rolling("events");
            Await.until(
                    "a checkpoint completed in the middle of the copy",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return DsyncProcess.holdsCompletedCheckpoint(checkpoints())
                                && destinationCount(db, collections) >= 800;
                    });
            first.kill();
            assertThat(first.linesWith("copy complete"))
                    .as("the crash came in the middle of the copy")
                    .isEmpty();
            long copied = destinationCount(db, collections);
            assertThat(copied)
                    .as("documents at the destination when dsync was killed")
                    .isLessThan(seeded * collections.size());

            // Resumed, and killed again in the middle of the copy, after a checkpoint of its own.
            Path before = CheckpointLocator.newest(checkpoints()).orElseThrow();
            DsyncProcess second = start("second", resumeArguments(args));
            second.awaitOutput("Resuming from", STEP);
            Await.until(
                    "a checkpoint of the resumed run completed in the middle of the copy",
                    STEP,
                    () -> {
                        second.requireAlive();
                        return !CheckpointLocator.newest(checkpoints()).orElseThrow().equals(before)
                                && destinationCount(db, collections) >= copied + 400;
                    });
            second.kill();
            assertThat(second.linesWith("copy complete"))
                    .as("the second crash came in the middle of the copy")
                    .isEmpty();
            resumeAndCompare(db, args, writer);
        } catch (Throwable failure) {
            printOutputs();
            throw failure;
        }
    }

    @Test
    void killedWhileFollowingTheChangeStream() throws Throwable {
        String db = "crash_stream";
        List<String> collections = List.of("orders", "customers");
        int seeded = 1_000;
        UncopiedRangeWriter.seed(CLIENTS.source(), db, collections, seeded);
        List<String> args = arguments(db);
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, collections, seeded)) {
            writer.start();
            DsyncProcess first = start("first", args);
            first.awaitOutput("copy complete", STEP);
            long atCopyComplete = changesRead(first);
            Await.until(
                    "50 more change events read after the copy completed",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return changesRead(first) >= atCopyComplete + 50;
                    });
            first.kill();
            resumeAndCompare(db, args, writer);
        } catch (Throwable failure) {
            printOutputs();
            throw failure;
        }
    }

    @Test
    void killedInTheMiddleOfADdl() throws Throwable {
        String db = "crash_ddl";
        MongoClient source = CLIENTS.source();
        // An embedded destination of its own holds dsync's drop until dsync is killed; real
        // deployments cannot, and there the kill follows the stream's stop at the drop.
        DropHold hold = SERVERS.embedded() ? new DropHold(db) : null;
        try (EmbeddedMongoServer ownDestination =
                        hold == null
                                ? null
                                : MongoTestServers.startEmbedded(
                                        builder -> builder.addCommandInterceptor(hold));
                MongoClient ownClient =
                        hold == null
                                ? null
                                : MongoClients.create(ownDestination.connectionString())) {
            if (hold != null) {
                destinationUri = ownDestination.connectionString();
                destination = ownClient;
            }
            killInTheMiddleOfADdl(db, source, hold);
        } finally {
            if (hold != null) {
                hold.release();
            }
        }
    }

    private void killInTheMiddleOfADdl(String db, MongoClient source, DropHold hold)
            throws Throwable {
        int seeded = 300;
        UncopiedRangeWriter.seed(source, db, List.of("tmp", "logs", "keep"), seeded);
        // The rate limit holds the inserts before the drop back. A DDL is applied when a
        // checkpoint completes: without a hold, checkpoints far apart leave the time to kill.
        List<String> args =
                arguments(
                        db,
                        "--write-rate-limit",
                        "300",
                        "--checkpoint-interval",
                        hold == null ? "10s" : "1s");
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, List.of("keep"), seeded)) {
            writer.start();
            DsyncProcess first = start("first", args);
            first.awaitOutput("copy complete", STEP);

            // The application: fills tmp, drops it and starts it anew; archives logs by renaming
            // it and starts a new logs; changes some archived documents.
            MongoCollection<Document> tmp = source.getDatabase(db).getCollection("tmp");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                batch.add(UncopiedRangeWriter.document(10_000 + i, "before the drop"));
            }
            tmp.insertMany(batch);
            tmp.drop();
            tmp.insertMany(
                    List.of(
                            UncopiedRangeWriter.document(1, "after the drop"),
                            UncopiedRangeWriter.document(2, "after the drop")));
            MongoCollection<Document> logs = source.getDatabase(db).getCollection("logs");
            logs.renameCollection(new com.mongodb.MongoNamespace(db, "logs_2024"));
            logs.insertOne(UncopiedRangeWriter.document(7, "new logs"));
            source.getDatabase(db)
                    .getCollection("logs_2024")
                    .updateMany(Filters.lt("_id", 10), Updates.set("archived", true));

            Await.until(
                    hold == null
                            ? "the change stream stopped at the drop"
                            : "dsync dropping tmp at the destination",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return hold == null ? first.log().contains(DDL_REACHED) : hold.arrived();
                    });
            first.kill();
            if (hold != null) {
                hold.release(); // the drop dsync sent before it died runs now
            }
            assertThat(
                            first.log()
                                    .lines()
                                    .filter(l -> l.contains("Applied ") && l.contains(DDL_APPLIED))
                                    .toList())
                    .as("the crash came before the DDL was recorded as applied")
                    .isEmpty();
            resumeAndCompare(db, args, writer);
        } catch (Throwable failure) {
            printOutputs();
            throw failure;
        }
    }

    @Test
    void killedAfterARenameWasAppliedBeforeACheckpointRecordedIt() throws Throwable {
        String db = "crash_rename";
        MongoClient source = CLIENTS.source();
        int seeded = 300;
        UncopiedRangeWriter.seed(source, db, List.of("logs", "keep"), seeded);
        // A DDL is applied when a checkpoint completes and recorded by the next one, 10 s later.
        List<String> args = arguments(db, "--checkpoint-interval", "10s");
        try (UncopiedRangeWriter writer =
                new UncopiedRangeWriter(SERVERS.sourceUri(), db, List.of("keep"), seeded)) {
            writer.start();
            DsyncProcess first = start("first", args);
            first.awaitOutput("copy complete", STEP);

            // The application archives logs by renaming it, starts a new logs, and marks some of
            // the archived documents.
            MongoCollection<Document> logs = source.getDatabase(db).getCollection("logs");
            logs.renameCollection(new com.mongodb.MongoNamespace(db, "logs_2024"));
            logs.insertOne(UncopiedRangeWriter.document(7, "new logs"));
            source.getDatabase(db)
                    .getCollection("logs_2024")
                    .updateMany(Filters.lt("_id", 10), Updates.set("archived", true));

            Await.until(
                    "the rename and the writes after it applied to the destination",
                    STEP,
                    () -> {
                        first.requireAlive();
                        return first.log().contains("Applied RENAME")
                                && destination
                                                .getDatabase(db)
                                                .getCollection("logs")
                                                .countDocuments(Filters.eq("origin", "new logs"))
                                        == 1
                                && destination
                                                .getDatabase(db)
                                                .getCollection("logs_2024")
                                                .countDocuments(Filters.eq("archived", true))
                                        == 10;
                    });
            first.kill();
            String log = first.log();
            assertThat(log.substring(log.indexOf("Applied RENAME")))
                    .as("the crash came before a checkpoint recorded the rename")
                    .doesNotContain("Completed checkpoint");
            resumeAndCompare(db, args, writer);
        } catch (Throwable failure) {
            printOutputs();
            throw failure;
        }
    }

    /**
     * Lets the application write while dsync is down, resumes with the same arguments, requires the
     * copy to complete, stops the application and waits until both sides are identical; then checks
     * once more after a later "ready for cutover".
     */
    private void resumeAndCompare(String db, List<String> args, UncopiedRangeWriter writer)
            throws Exception {
        long atKill = writer.operations();
        Await.until(
                "the application writing while dsync is down",
                STEP,
                () -> writer.operations() >= atKill + 50);
        DsyncProcess resumed = start("resumed", resumeArguments(args));
        resumed.awaitOutput("Resuming from", STEP);
        resumed.awaitOutput("copy complete", STEP);
        writer.stop();
        try {
            Await.until(
                    "the destination identical to the source",
                    STEP,
                    () -> {
                        resumed.requireAlive();
                        return differences(db).isEmpty();
                    });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; differences: " + differences(db), e);
        }
        int ready = resumed.linesWith("READY FOR CUTOVER").size();
        Await.until(
                "READY FOR CUTOVER once more",
                STEP,
                () -> {
                    resumed.requireAlive();
                    return resumed.linesWith("READY FOR CUTOVER").size() > ready;
                });
        assertThat(differences(db)).as("differences after ready for cutover").isEmpty();
        resumed.kill();
    }

    private List<String> arguments(String db, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "migrate",
                                "--source",
                                SERVERS.sourceUri(),
                                "--destination",
                                destinationUri,
                                "--include",
                                db,
                                "--parallelism",
                                "2",
                                "--checkpoint-interval",
                                "1s",
                                "--copy-checkpoint-interval",
                                "1s",
                                "--status-interval",
                                "1s",
                                "--checkpoint-dir",
                                checkpoints().toString(),
                                "--savepoint-dir",
                                temp.resolve("savepoints").toString()));
        for (int i = 0; i < more.length; i += 2) {
            int existing = args.indexOf(more[i]);
            if (existing >= 0) {
                args.set(existing + 1, more[i + 1]);
            } else {
                args.add(more[i]);
                args.add(more[i + 1]);
            }
        }
        return args;
    }

    private static List<String> resumeArguments(List<String> args) {
        List<String> resumeArgs = new ArrayList<>(args);
        resumeArgs.add("--resume");
        return resumeArgs;
    }

    private DsyncProcess start(String name, List<String> args) throws Exception {
        DsyncProcess process = DsyncProcess.start(home, temp, name, args);
        started.add(process);
        return process;
    }

    private Path checkpoints() {
        return temp.resolve("checkpoints");
    }

    private long destinationCount(String db, List<String> collections) {
        long count = 0;
        for (String collection : collections) {
            count +=
                    CLIENTS.destination()
                            .getDatabase(db)
                            .getCollection(collection)
                            .countDocuments();
        }
        return count;
    }

    private List<String> differences(String db) {
        return DatabaseComparison.differences(CLIENTS.source(), destination, db);
    }

    /** The change events read so far, from its last status line. */
    private static long changesRead(DsyncProcess process) throws Exception {
        List<String> lines = process.linesWith(" | changes ");
        if (lines.isEmpty()) {
            return 0;
        }
        Matcher matcher = CHANGES.matcher(lines.get(lines.size() - 1));
        if (!matcher.find()) {
            return 0;
        }
        long sum = 0;
        for (int group = 1; group <= 4; group++) {
            sum += Long.parseLong(matcher.group(group).replace(",", ""));
        }
        return sum;
    }

    private void printOutputs() throws Exception {
        for (DsyncProcess process : started) {
            System.out.println("---- " + process + " printed:\n" + process.output());
            String log = process.log();
            System.out.println(
                    "---- the end of its log:\n"
                            + log.substring(Math.max(0, log.length() - 20_000)));
        }
    }
}
