package io.dsync.benchmarks.scenario;

import io.dsync.benchmarks.SuiteOptions;
import io.dsync.benchmarks.process.Commands;
import io.dsync.benchmarks.process.ManagedProcess;
import io.dsync.benchmarks.results.Figure;
import io.dsync.benchmarks.results.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * jmh: the hot paths' microbenchmarks ({@code io.dsync.benchmarks.jmh.*}, {@code
 * io.dsync.connectors.sink.SinkBatchingBenchmark} and {@code ChangeEventWriteBenchmark}) in their
 * own JVM, one fork, single-threaded (so every figure is per core), with what bounds each.
 */
public final class JmhScenario {

    static final String NAME = "jmh";

    /** What bounds each benchmark, by method name. */
    static final Map<String, String> BOUNDS =
            Map.of(
                    "idKeyObjectId",
                    "a scan of the field names up to _id (here the first field) and a copy of the"
                            + " value into a new {_id: v} document: allocation-bound",
                    "idKeyString",
                    "as idKeyObjectId, with a variable-length value",
                    "serializerRoundTrip",
                    "two copies of the key and the 1 KB document plus the namespace's modified"
                            + " UTF-8: memory copy and allocation",
                    "digestRawBytes",
                    "SHA-256 of the 1 KB document (the JDK's SHA-256, with the CPU's SHA"
                            + " instructions when it has them): hashing-bound",
                    "digestIgnoreFieldOrder",
                    "decoding, sorting the fields and re-encoding before SHA-256: allocation-bound",
                    "pendingWritesBatch",
                    "a HashMap put per record keyed by a String of the key bytes, plus size"
                            + " bookkeeping",
                    "writeModels",
                    "three small objects per record (two RawBsonDocument wrappers and the"
                            + " ReplaceOneModel): allocation-bound",
                    "eventToWriteModel",
                    "walking the raw event's element headers to its fields (only the operation"
                            + " type and the namespace's names are decoded) and copying the resume"
                            + " token, the {_id} key and the 1 KB full document out of it: memory"
                            + " copy and allocation");

    private final SuiteOptions options;
    private final Commands commands;
    private final Report report;

    public JmhScenario(SuiteOptions options, Commands commands, Report report) {
        this.options = options;
        this.commands = commands;
        this.report = report;
    }

    public void run() throws Exception {
        Path dir = options.workDir().resolve("jmh");
        Files.createDirectories(dir);
        Path json = dir.resolve("jmh.json");
        System.out.println("[jmh] microbenchmarks (1 fork, 2 × 1 s warm-up, 3 × 2 s measured)...");
        ManagedProcess jmh =
                ManagedProcess.start(
                        "jmh",
                        commands.java(
                                List.of(),
                                "org.openjdk.jmh.Main",
                                List.of(
                                        "-f",
                                        "1",
                                        "-wi",
                                        "2",
                                        "-w",
                                        "1s",
                                        "-i",
                                        "3",
                                        "-r",
                                        "2s",
                                        "-t",
                                        "1",
                                        "-rf",
                                        "json",
                                        "-rff",
                                        json.toString(),
                                        "io\\.dsync\\..*Benchmark")),
                        Map.of(),
                        dir,
                        dir.resolve("jmh.log"));
        ManagedProcess.Exit exit = jmh.awaitExit(Duration.ofMinutes(20));
        if (exit.code() != 0) {
            throw new IllegalStateException(
                    "JMH failed (exit " + exit.code() + "); see " + jmh.log());
        }
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        for (JsonNode result : results) {
            String benchmark = result.path("benchmark").asText();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            double score = result.path("primaryMetric").path("score").asDouble();
            double error = result.path("primaryMetric").path("scoreError").asDouble();
            report.add(Figure.of(NAME, cls + "." + method + " (1 core)", score, "ops/s"));
            report.note(
                    NAME,
                    String.format(
                            Locale.ROOT,
                            "`%s.%s`: %,.0f ± %,.0f ops/s per core (%.2f µs each; %.0f%% of a core"
                                    + " at 100,000 documents/s). Bound: %s.",
                            cls,
                            method,
                            score,
                            Double.isNaN(error) ? 0 : error,
                            1e6 / score,
                            100 * 100_000 / score,
                            BOUNDS.getOrDefault(method, "see the benchmark's comment")));
        }
    }
}
