package io.dsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One database's migration in a crash test: the arguments of {@code dsync migrate} (the same for
 * every run), the runs started so far (each a {@link DsyncProcess}), and the end every crash test
 * requires: resumed with {@code --resume}, the copy complete, and both sides identical.
 */
final class CrashedMigration implements AutoCloseable {

    static final Duration STEP = Duration.ofMinutes(3);
    private static final Pattern CHANGES =
            Pattern.compile("changes ([\\d,]+) ins ([\\d,]+) upd ([\\d,]+) repl ([\\d,]+) del");

    private final Path home =
            Path.of(System.getProperty("dsync.home", "..")).toAbsolutePath().normalize();
    private final Path workDir;
    private final String database;
    private final MongoClient source;
    private final MongoClient destination;
    private final List<String> arguments;
    private final List<DsyncProcess> runs = new ArrayList<>();

    /**
     * @param more further options, each followed by its value; they replace the defaults (two
     *     workers, checkpoints and status lines every second)
     */
    CrashedMigration(
            Path workDir,
            String database,
            String sourceUri,
            MongoClient source,
            String destinationUri,
            MongoClient destination,
            String... more) {
        this.workDir = workDir;
        this.database = database;
        this.source = source;
        this.destination = destination;
        this.arguments =
                new ArrayList<>(
                        List.of(
                                "migrate",
                                "--source",
                                sourceUri,
                                "--destination",
                                destinationUri,
                                "--include",
                                database,
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
                                workDir.resolve("savepoints").toString()));
        for (int i = 0; i < more.length; i += 2) {
            int existing = arguments.indexOf(more[i]);
            if (existing >= 0) {
                arguments.set(existing + 1, more[i + 1]);
            } else {
                arguments.add(more[i]);
                arguments.add(more[i + 1]);
            }
        }
    }

    /** Starts the first run. */
    DsyncProcess start(String name) throws Exception {
        return start(name, arguments);
    }

    /** Starts a run that resumes from the newest checkpoint, with the same arguments. */
    DsyncProcess resume(String name) throws Exception {
        List<String> resumeArguments = new ArrayList<>(arguments);
        resumeArguments.add("--resume");
        DsyncProcess resumed = start(name, resumeArguments);
        resumed.awaitOutput("Resuming from", STEP);
        return resumed;
    }

    private DsyncProcess start(String name, List<String> args) throws Exception {
        DsyncProcess process = DsyncProcess.start(home, workDir, name, args);
        runs.add(process);
        return process;
    }

    Path checkpoints() {
        return workDir.resolve("checkpoints");
    }

    /**
     * Lets the application write while dsync is down, resumes, requires the copy to complete, stops
     * the application and waits until both sides are identical; then checks once more after a later
     * "ready for cutover".
     */
    void resumeAndCompare(UncopiedRangeWriter writer) throws Exception {
        long atKill = writer.operations();
        Await.until(
                "the application writing while dsync is down",
                STEP,
                () -> writer.operations() >= atKill + 50);
        DsyncProcess resumed = resume("resumed");
        resumed.awaitOutput("copy complete", STEP);
        writer.stop();
        try {
            Await.until(
                    "the destination identical to the source",
                    STEP,
                    () -> {
                        resumed.requireAlive();
                        return differences().isEmpty();
                    });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; differences: " + differences(), e);
        }
        int ready = resumed.linesWith("READY FOR CUTOVER").size();
        Await.until(
                "READY FOR CUTOVER once more",
                STEP,
                () -> {
                    resumed.requireAlive();
                    return resumed.linesWith("READY FOR CUTOVER").size() > ready;
                });
        assertThat(differences()).as("differences after ready for cutover").isEmpty();
        resumed.kill();
    }

    /** Documents in these collections of the database at the destination. */
    long destinationCount(List<String> collections) {
        long count = 0;
        for (String collection : collections) {
            count += destination.getDatabase(database).getCollection(collection).countDocuments();
        }
        return count;
    }

    List<String> differences() {
        return DatabaseComparison.differences(source, destination, database);
    }

    /** The change events a run has read so far, from its last status line. */
    static long changesRead(DsyncProcess process) throws Exception {
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

    /** Prints what every run printed and the end of its log (when a test failed). */
    void printOutputs() throws Exception {
        for (DsyncProcess process : runs) {
            System.out.println("---- " + process + " printed:\n" + process.output());
            String log = process.log();
            System.out.println(
                    "---- the end of its log:\n"
                            + log.substring(Math.max(0, log.length() - 20_000)));
        }
    }

    /** Kills the runs still alive. */
    @Override
    public void close() throws InterruptedException {
        for (DsyncProcess process : runs) {
            process.close();
        }
    }
}
