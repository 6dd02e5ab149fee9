package io.dsync.benchmarks.scenario;

import io.dsync.benchmarks.data.DataSet;
import io.dsync.benchmarks.results.Figure;
import io.dsync.benchmarks.results.Report;
import io.dsync.benchmarks.results.TargetCheck;
import java.util.List;
import java.util.Locale;

/**
 * copy: N documents in 10 collections (one with mixed {@code _id} types) from the source to an
 * empty destination, by (a) a single-threaded driver loop, (b) a hand-tuned multi-threaded driver
 * pipeline (several reader/writer counts tried, the best kept), (c) the destination's ingest alone,
 * and dsync's initial sync. Every run starts from a dropped destination and is checked for the full
 * count afterwards.
 */
public final class CopyScenario {

    static final String NAME = "copy";

    /** Reader × writer thread counts tried for the pipeline baseline. */
    static final int[][] PIPELINE_SHAPES = {{1, 2}, {2, 2}, {2, 4}, {4, 4}};

    private final Bench bench;

    public CopyScenario(Bench bench) {
        this.bench = bench;
    }

    public void run() throws Exception {
        DataSet data = bench.mainData();
        bench.seedSource(data);
        Report report = bench.report();
        String src = bench.servers().source().uri();
        String dst = bench.servers().destination().uri();
        System.out.println(
                "[copy] " + data.documents() + " documents, " + data.megabytes() + " MB");

        bench.dropDestination(data.database());
        Run loop =
                bench.baseline(
                        "driver loop",
                        List.of("copy-loop", src, dst, data.database()),
                        data.database(),
                        data.documents());
        bench.checkDestinationCount(data.database(), data.documents(), "driver loop");
        throughput(report, loop, "(a) driver loop (1 thread)", data);

        Run best = null;
        StringBuilder tried =
                new StringBuilder("Pipeline baseline (b), reader × writer threads tried:");
        for (int[] shape : PIPELINE_SHAPES) {
            bench.dropDestination(data.database());
            String label = "driver pipeline " + shape[0] + "r x " + shape[1] + "w";
            Run run =
                    bench.baseline(
                            label,
                            List.of(
                                    "copy-pipeline",
                                    src,
                                    dst,
                                    data.database(),
                                    Integer.toString(shape[0]),
                                    Integer.toString(shape[1])),
                            data.database(),
                            data.documents());
            bench.checkDestinationCount(data.database(), data.documents(), label);
            tried.append(
                    String.format(
                            Locale.ROOT,
                            " %dr×%dw %,.0f docs/s;",
                            shape[0],
                            shape[1],
                            data.documents() / run.wallSeconds()));
            if (best == null || run.wallSeconds() < best.wallSeconds()) {
                best = run;
            }
        }
        tried.append(" best: ").append(best.name()).append('.');
        report.note(NAME, tried.toString());
        throughput(report, best, "(b) best driver pipeline, " + best.name().substring(16), data);

        bench.dropDestination(data.database());
        Run ingest =
                bench.baseline(
                        "raw ingest",
                        List.of(
                                "ingest",
                                dst,
                                data.database(),
                                Long.toString(data.documents()),
                                Integer.toString(data.documentSize()),
                                Integer.toString(data.collections()),
                                "2"),
                        null);
        bench.checkDestinationCount(data.database(), data.documents(), "raw ingest");
        double ingestSeconds = ingest.resultValue("insertSeconds");
        report.add(
                Figure.of(
                        NAME,
                        "(c) destination ingest alone (2 writers): docs/s",
                        data.documents() / ingestSeconds,
                        "docs/s"));

        int p = bench.options().parallelism();
        Run dsync = bench.dsyncCopy(data, p);
        double dsyncRate = data.documents() / dsync.wallSeconds();
        double loopRate = data.documents() / loop.wallSeconds();
        double bestRate = data.documents() / best.wallSeconds();
        report.add(
                Figure.against(
                        NAME, "dsync migrate: docs/s", dsyncRate, "docs/s", "(a) loop", loopRate));
        report.add(
                Figure.against(
                        NAME,
                        "dsync migrate: docs/s vs (b)",
                        dsyncRate,
                        "docs/s",
                        "(b) pipeline",
                        bestRate));
        report.add(
                Figure.of(
                        NAME,
                        "dsync migrate: MB/s",
                        data.megabytes() / dsync.wallSeconds(),
                        "MB/s"));
        report.add(Figure.of(NAME, "dsync migrate: wall time", dsync.wallSeconds(), "s"));
        report.add(
                Figure.of(
                        NAME,
                        "dsync migrate: start-up (process start → first document)",
                        dsync.startupSeconds(),
                        "s"));
        report.add(
                Figure.of(
                        NAME,
                        "dsync migrate: docs/s after start-up",
                        data.documents() / (dsync.wallSeconds() - dsync.startupSeconds()),
                        "docs/s"));
        double dsyncCopying = dsync.copyingRate(data.documents());
        report.add(
                Figure.against(
                        NAME,
                        "dsync migrate: docs/s while copying (first → last document written)",
                        dsyncCopying,
                        "docs/s",
                        "(b) pipeline, same span",
                        best.copyingRate(data.documents())));
        report.note(
                NAME,
                String.format(
                        Locale.ROOT,
                        "Steady rate from the first to the last document at the destination (the"
                                + " process's start and end left out; the targets use the whole"
                                + " run): driver loop %,.0f docs/s; %s %,.0f docs/s; dsync %,.0f"
                                + " docs/s (%.2f× the loop, %.0f%% of the pipeline).",
                        loop.copyingRate(data.documents()),
                        best.name(),
                        best.copyingRate(data.documents()),
                        dsyncCopying,
                        dsyncCopying / loop.copyingRate(data.documents()),
                        100 * dsyncCopying / best.copyingRate(data.documents())));
        report.add(Figure.of(NAME, "dsync migrate: peak RSS", dsync.usage().peakRssMiB(), "MiB"));
        report.add(Figure.of(NAME, "dsync migrate: CPU", dsync.usage().cpuSeconds(), "s"));
        int cores = bench.machine().cores();
        report.note(
                NAME,
                "CPU while copying: "
                        + loop.cpuSplit(cores)
                        + "; "
                        + best.cpuSplit(cores)
                        + "; "
                        + dsync.cpuSplit(cores)
                        + ".");
        if (dsync.jfr() != null) {
            report.note(NAME, "dsync migrate flight recording: " + dsync.jfr());
        }

        String bound = bound(dsync, cores);
        report.check(
                new TargetCheck(
                        NAME,
                        "dsync copy ≥ 1.5× the driver loop (a)",
                        ratio(dsyncRate / loopRate),
                        dsyncRate >= 1.5 * loopRate,
                        bound));
        report.check(
                new TargetCheck(
                        NAME,
                        "dsync copy ≥ 90% of the best driver pipeline (b)",
                        String.format(Locale.ROOT, "%.0f%%", 100 * dsyncRate / bestRate),
                        dsyncRate >= 0.9 * bestRate,
                        bound));
        report.check(
                new TargetCheck(
                        NAME,
                        "dsync job start-up < 3 s (process start → first document written)",
                        String.format(Locale.ROOT, "%.2f s", dsync.startupSeconds()),
                        dsync.startupSeconds() < 3,
                        "JVM start, Flink MiniCluster start, preflight checks, job submission"));
    }

    private static void throughput(Report report, Run run, String name, DataSet data) {
        report.add(
                Figure.of(NAME, name + ": docs/s", data.documents() / run.wallSeconds(), "docs/s"));
        report.add(Figure.of(NAME, name + ": MB/s", data.megabytes() / run.wallSeconds(), "MB/s"));
        report.add(Figure.of(NAME, name + ": wall time", run.wallSeconds(), "s"));
        report.add(Figure.of(NAME, name + ": peak RSS", run.usage().peakRssMiB(), "MiB"));
    }

    /** What bounds a dsync run, from where the CPU went. */
    static String bound(Run run, int cores) {
        double busy =
                (run.usage().cpuSeconds() + run.sourceCpuSeconds() + run.destinationCpuSeconds())
                        / run.wallSeconds();
        return String.format(
                        Locale.ROOT,
                        "machine CPU %.0f%% busy with job + servers: ",
                        100 * busy / cores)
                + run.cpuSplit(cores);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
