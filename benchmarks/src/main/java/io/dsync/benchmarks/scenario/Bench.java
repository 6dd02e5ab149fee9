package io.dsync.benchmarks.scenario;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.benchmarks.SuiteOptions;
import io.dsync.benchmarks.baseline.BaselineMain;
import io.dsync.benchmarks.baseline.ResultLine;
import io.dsync.benchmarks.data.DataSet;
import io.dsync.benchmarks.data.Seeder;
import io.dsync.benchmarks.process.Commands;
import io.dsync.benchmarks.process.Jcmd;
import io.dsync.benchmarks.process.ManagedProcess;
import io.dsync.benchmarks.results.Machine;
import io.dsync.benchmarks.results.Report;
import io.dsync.benchmarks.servers.ServerPair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every scenario of one invocation shares: the options, the two servers (their own JVMs), a
 * client to each for seeding and checking (never measured), the report, and how to launch and
 * measure a dsync job or a baseline as its own process.
 */
public final class Bench implements AutoCloseable {

    /** Longest any single measured process may run. */
    static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(30);

    private final SuiteOptions options;
    private final Commands commands;
    private final ServerPair servers;
    private final Report report;
    private final Machine machine;
    private final MongoClient source;
    private final MongoClient destination;
    private final Set<DataSet> seeded = new HashSet<>();
    private final Map<String, Run> dsyncCopies = new HashMap<>();
    private int runs;

    public Bench(
            SuiteOptions options,
            Commands commands,
            ServerPair servers,
            Report report,
            Machine machine) {
        this.options = options;
        this.commands = commands;
        this.servers = servers;
        this.report = report;
        this.machine = machine;
        this.source = MongoClients.create(servers.source().uri());
        this.destination = MongoClients.create(servers.destination().uri());
    }

    public SuiteOptions options() {
        return options;
    }

    public Report report() {
        return report;
    }

    public Machine machine() {
        return machine;
    }

    public ServerPair servers() {
        return servers;
    }

    public MongoClient source() {
        return source;
    }

    public MongoClient destination() {
        return destination;
    }

    Commands commands() {
        return commands;
    }

    /** The main data set: {@code --docs} documents of {@code --doc-size} in database "bench". */
    public DataSet mainData() {
        return new DataSet(
                "bench", options.documents(), options.documentSize(), SuiteOptions.COLLECTIONS);
    }

    /** Seeds the data set on the source once per invocation. */
    public void seedSource(DataSet data) throws Exception {
        if (seeded.add(data)) {
            long start = System.nanoTime();
            System.out.printf(
                    "Seeding the source with %,d documents of %,d bytes (%s)...%n",
                    data.documents(), data.documentSize(), data.database());
            Seeder.seed(source, data);
            System.out.printf("  seeded in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
    }

    /** Makes the destination hold an identical copy of the data set (written directly). */
    public void seedDestinationCopy(DataSet data) throws Exception {
        if (Seeder.count(destination, data.database()) != data.documents()) {
            Seeder.seed(destination, data);
        }
    }

    public void dropDestination(String database) throws InterruptedException {
        destination.getDatabase(database).drop();
        servers.collectGarbage();
    }

    /** Fails loudly when the destination does not hold exactly {@code expected} documents. */
    public void checkDestinationCount(String database, long expected, String who) {
        long count = Seeder.count(destination, database);
        if (count != expected) {
            throw new IllegalStateException(
                    who
                            + " left "
                            + count
                            + " documents in the destination's "
                            + database
                            + ", expected "
                            + expected);
        }
    }

    /** A fresh directory under the work directory for one run. */
    Path runDir(String label) {
        return options.workDir().resolve(String.format("%02d-%s", ++runs, slug(label)));
    }

    /** {@code ./dsync args} in its own process (the recording is started by {@link #measure}). */
    ManagedProcess startDsync(String label, Path dir, List<String> args) throws IOException {
        return ManagedProcess.start(
                label,
                commands.dsync(args.toArray(String[]::new)),
                dsyncEnvironment(dir),
                dir,
                dir.resolve("output.log"));
    }

    /** A baseline ({@link BaselineMain}) in its own process. */
    ManagedProcess startBaseline(String label, Path dir, List<String> args) throws IOException {
        return ManagedProcess.start(
                label,
                commands.java(List.of(), BaselineMain.class.getName(), args),
                Map.of(),
                dir,
                dir.resolve("output.log"));
    }

    /**
     * Waits for a started process to exit and measures it: its own usage, the servers' CPU
     * meanwhile, and (when {@code watchDatabase} is not null) the time to the first document at the
     * destination.
     */
    Run measure(ManagedProcess process, Path dir, String watchDatabase, double[] serverCpuBefore)
            throws Exception {
        return measure(process, dir, watchDatabase, 0, serverCpuBefore, false);
    }

    /**
     * As {@link #measure(ManagedProcess, Path, String, double[])}; with {@code profile} (a dsync
     * process, when the suite profiles), a flight recording is started once the first document is
     * at the destination (or at once without {@code watchDatabase}), so that the recorder's own
     * start does not count in the start-up.
     */
    Run measure(
            ManagedProcess process,
            Path dir,
            String watchDatabase,
            long expectedDocuments,
            double[] serverCpuBefore,
            boolean profile)
            throws Exception {
        double startup = Double.NaN;
        if (watchDatabase != null) {
            startup = awaitDocuments(process, watchDatabase, 1, 20);
        }
        boolean recording = profile && options.profile() && startRecording(process, dir);
        double lastDocument = Double.NaN;
        if (watchDatabase != null && expectedDocuments > 0) {
            lastDocument = awaitDocuments(process, watchDatabase, expectedDocuments, 100);
        }
        ManagedProcess.Exit exit = process.awaitExit(PROCESS_TIMEOUT);
        double[] cpu = servers.cpuSeconds();
        Map<String, String> result = ResultLine.last(process.output()).orElse(Map.of());
        return new Run(
                process.name(),
                exit.code(),
                exit.usage(),
                startup,
                lastDocument,
                cpu[0] - serverCpuBefore[0],
                cpu[1] - serverCpuBefore[1],
                result,
                recording ? JfrSummary.of(dir.resolve("job.jfr"), 8) : null);
    }

    /**
     * Starts a flight recording in a running dsync process ({@code jcmd PID JFR.start}, written to
     * {@code dir/job.jfr} when the process exits); false when that failed (the run goes on).
     */
    boolean startRecording(ManagedProcess process, Path dir) throws InterruptedException {
        return Jcmd.run(
                process.pid(),
                dir.resolve("jcmd.log"),
                "JFR.start",
                "name=dsync-benchmark",
                "settings=default",
                "dumponexit=true",
                "filename=" + dir.resolve("job.jfr"));
    }

    /** Fails with the end of the process's output when it did not exit 0 (or {@code allowed}). */
    static void requireExit(Run run, ManagedProcess process, int... allowed) {
        if (run.exitCode() == 0) {
            return;
        }
        for (int code : allowed) {
            if (run.exitCode() == code) {
                return;
            }
        }
        List<String> output = process.output();
        throw new IllegalStateException(
                run.name()
                        + " exited "
                        + run.exitCode()
                        + "; last output:\n  "
                        + String.join(
                                "\n  ",
                                output.subList(Math.max(0, output.size() - 15), output.size()))
                        + "\n(full output: "
                        + process.log()
                        + ")");
    }

    /** A dsync initial sync of the data set at a parallelism, measured (cached per invocation). */
    Run dsyncCopy(DataSet data, int parallelism) throws Exception {
        String key = data.database() + "/" + data.documents() + "/p" + parallelism;
        Run cached = dsyncCopies.get(key);
        if (cached != null) {
            return cached;
        }
        dropDestination(data.database());
        String label = "dsync migrate p" + parallelism;
        Path dir = runDir("copy-" + data.database() + "-p" + parallelism);
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "migrate",
                        "--source",
                        servers.source().uri(),
                        "--destination",
                        servers.destination().uri(),
                        "--mode",
                        "initial-sync",
                        "--include",
                        data.database(),
                        "--parallelism",
                        Integer.toString(parallelism),
                        "--checkpoint-dir",
                        dir.resolve("checkpoints").toString(),
                        "--savepoint-dir",
                        dir.resolve("savepoints").toString(),
                        "--status-interval",
                        "5s"));
        double[] before = servers.cpuSeconds();
        ManagedProcess process = startDsync(label, dir, args);
        Run run = measure(process, dir, data.database(), data.documents(), before, true);
        requireExit(run, process);
        checkDestinationCount(data.database(), data.documents(), label);
        dsyncCopies.put(key, run);
        return run;
    }

    /** dsync's verify of the data set at a parallelism, measured; exit 0 identical, 1 different. */
    Run dsyncVerify(DataSet data, int parallelism, String what) throws Exception {
        String label = "dsync verify p" + parallelism;
        Path dir = runDir("verify-" + what + "-" + data.database() + "-p" + parallelism);
        double[] before = servers.cpuSeconds();
        ManagedProcess process =
                startDsync(
                        label,
                        dir,
                        List.of(
                                "verify",
                                "--source",
                                servers.source().uri(),
                                "--destination",
                                servers.destination().uri(),
                                "--include",
                                data.database(),
                                "--parallelism",
                                Integer.toString(parallelism)));
        Run run = measure(process, dir, null, 0, before, true);
        requireExit(run, process, 1);
        return run;
    }

    /** A baseline run to completion, measured. */
    Run baseline(String label, List<String> args, String watchDatabase) throws Exception {
        return baseline(label, args, watchDatabase, 0);
    }

    /**
     * A baseline run to completion, measured; with {@code watchDatabase}, also the times its first
     * and its {@code expectedDocuments}th document reached the destination.
     */
    Run baseline(String label, List<String> args, String watchDatabase, long expectedDocuments)
            throws Exception {
        Path dir = runDir(label);
        double[] before = servers.cpuSeconds();
        ManagedProcess process = startBaseline(label, dir, args);
        // not profiled: a baseline gets no flight recording
        Run run = measure(process, dir, watchDatabase, expectedDocuments, before, false);
        requireExit(run, process);
        return run;
    }

    private Map<String, String> dsyncEnvironment(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("DSYNC_LOG_DIR", dir.resolve("logs").toString());
        return env;
    }

    /**
     * Polls the destination's document count (collection metadata, cheap) every {@code everyMillis}
     * until the database holds {@code count} documents; seconds since the process started, or NaN
     * when it exited without them. A process that exits right after its last write (between two
     * polls) is credited with the moment its exit was seen, within one poll of the truth.
     */
    private double awaitDocuments(
            ManagedProcess process, String database, long count, long everyMillis)
            throws InterruptedException {
        while (process.isAlive()) {
            try {
                if (Seeder.estimatedCount(destination, database) >= count) {
                    return (System.nanoTime() - process.startNanos()) / 1e9;
                }
            } catch (RuntimeException e) {
                // a collection dropped or created meanwhile: poll again
            }
            Thread.sleep(everyMillis);
        }
        double exitSeen = (System.nanoTime() - process.startNanos()) / 1e9;
        try {
            return Seeder.estimatedCount(destination, database) >= count ? exitSeen : Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String slug(String label) {
        return label.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        source.close();
        destination.close();
    }
}
