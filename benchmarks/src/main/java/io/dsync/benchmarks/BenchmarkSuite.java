package io.dsync.benchmarks;

import io.dsync.benchmarks.SuiteOptions.Scenario;
import io.dsync.benchmarks.process.Commands;
import io.dsync.benchmarks.results.Machine;
import io.dsync.benchmarks.results.Report;
import io.dsync.benchmarks.scenario.Bench;
import io.dsync.benchmarks.scenario.CdcScenario;
import io.dsync.benchmarks.scenario.CopyScenario;
import io.dsync.benchmarks.scenario.JmhScenario;
import io.dsync.benchmarks.scenario.ScalingScenario;
import io.dsync.benchmarks.scenario.VerifyScenario;
import io.dsync.benchmarks.servers.ServerPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks/run}: starts a source and a destination server (each its own JVM), runs the
 * selected scenarios (each measures dsync and its baselines as separate processes on the same
 * data), prints the table and writes {@code benchmarks/results/<date>.md} and {@code .jsonl}.
 */
@Command(
        name = "benchmarks/run",
        mixinStandardHelpOptions = true,
        description =
                "Measure dsync's copy, change-apply and verify speed against driver baselines.")
public final class BenchmarkSuite implements Callable<Integer> {

    @Option(
            names = "--docs",
            paramLabel = "N",
            description = "Documents to copy/verify (default 1000000).")
    long documents = SuiteOptions.DEFAULT_DOCUMENTS;

    @Option(
            names = "--doc-size",
            paramLabel = "BYTES",
            description = "Bytes per document (default 1024).")
    int documentSize = SuiteOptions.DEFAULT_DOCUMENT_SIZE;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            description = "copy, cdc, verify, scaling, jmh or all (default all).")
    String scenario = "all";

    @Option(
            names = "--parallelism",
            paramLabel = "P",
            description = "dsync's parallelism (default: cores).")
    Integer parallelism;

    @Option(names = "--no-profile", description = "Do not record dsync jobs with JFR.")
    boolean noProfile;

    @Option(names = "--root", hidden = true, defaultValue = ".")
    Path root;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkSuite()).execute(args));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public Integer call() throws Exception {
        String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        SuiteOptions.Builder builder =
                SuiteOptions.builder()
                        .documents(documents)
                        .documentSize(documentSize)
                        .scenarios(Scenario.parse(scenario))
                        .profile(!noProfile)
                        .root(root)
                        .workDir(root.resolve("benchmarks/target/work/" + date))
                        .resultsDir(root.resolve("benchmarks/results"));
        if (parallelism != null) {
            builder.parallelism(parallelism);
        }
        SuiteOptions options = builder.build();
        Machine machine = Machine.current();
        String invocation =
                "benchmarks/run --docs "
                        + documents
                        + " --doc-size "
                        + documentSize
                        + " --scenario "
                        + scenario
                        + " --parallelism "
                        + options.parallelism();
        Report report = new Report(machine, date, invocation);
        System.out.println("Machine: " + machine.describe());
        long start = System.nanoTime();
        String loadAverage = loadAverage();
        Commands commands = Commands.at(options.root());
        if (options.runs(Scenario.JMH)) {
            new JmhScenario(options, commands, report).run();
        }
        boolean needsServers =
                options.runs(Scenario.COPY)
                        || options.runs(Scenario.CDC)
                        || options.runs(Scenario.VERIFY)
                        || options.runs(Scenario.SCALING);
        if (needsServers) {
            System.out.println("Starting the source and destination servers...");
            try (ServerPair servers =
                            ServerPair.start(commands, options.workDir(), serverHeap(machine));
                    Bench bench = new Bench(options, commands, servers, report, machine)) {
                if (options.runs(Scenario.COPY)) {
                    new CopyScenario(bench).run();
                }
                if (options.runs(Scenario.VERIFY)) {
                    new VerifyScenario(bench).run();
                }
                if (options.runs(Scenario.SCALING)) {
                    new ScalingScenario(bench).run();
                }
                if (options.runs(Scenario.CDC)) {
                    new CdcScenario(bench).run();
                }
            }
        }
        report.condition("Load average (1/5/15 min) at the start: " + loadAverage);
        report.condition(
                "Load average at the end: "
                        + loadAverage()
                        + " (other work on the machine shares its cores with the measured"
                        + " processes when this is above the core count)");
        report.print(System.out);
        Path md = report.write(options.resultsDir());
        System.out.printf(
                "%nWrote %s (and .jsonl) in %.1f min%n", md, (System.nanoTime() - start) / 60e9);
        return 0;
    }

    /**
     * Each server's max heap: half of the memory left after 8 GiB for the job, the baselines and
     * the suite, between 2 and 12 GiB. The servers keep every document in memory, and G1 lets a
     * heap grow to its maximum before it collects hard: two 12 GiB servers on a 24 GiB machine were
     * killed by the kernel's OOM killer during a default (1,000,000-document) run.
     */
    static String serverHeap(Machine machine) {
        long gib = machine.memoryBytes() / (1024L * 1024 * 1024);
        long heap = Math.max(2, Math.min(12, (gib - 8) / 2));
        return heap + "g";
    }
}
