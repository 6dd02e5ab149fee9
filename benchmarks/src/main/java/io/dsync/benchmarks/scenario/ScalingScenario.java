package io.dsync.benchmarks.scenario;

import io.dsync.benchmarks.SuiteOptions;
import io.dsync.benchmarks.data.DataSet;
import io.dsync.benchmarks.results.Figure;
import io.dsync.benchmarks.results.Report;
import io.dsync.benchmarks.results.TargetCheck;
import java.util.Locale;

/**
 * scaling: dsync's copy and verify at parallelism 1 and 2, and the job's peak RSS at N/10 and N
 * documents (the larger run must not need more memory: nothing may grow with the data).
 *
 * <p>The memory comparison uses {@code --docs} as the larger size (10× the smaller one): the
 * embedded servers keep everything in memory, so 10× the default million documents would not fit in
 * two servers on a machine like this.
 */
public final class ScalingScenario {

    static final String NAME = "scaling";

    /** Largest peak RSS growth from N/10 to N documents still called flat. */
    static final double FLAT = 1.25;

    private final Bench bench;

    public ScalingScenario(Bench bench) {
        this.bench = bench;
    }

    public void run() throws Exception {
        Report report = bench.report();
        DataSet large = bench.mainData();
        DataSet small =
                new DataSet(
                        "benchsmall",
                        large.documents() / 10,
                        large.documentSize(),
                        SuiteOptions.COLLECTIONS);
        bench.seedSource(large);
        System.out.println(
                "[scaling] parallelism 1 and 2; peak RSS at "
                        + small.documents()
                        + " and "
                        + large.documents()
                        + " documents");

        Run copy1 = bench.dsyncCopy(large, 1);
        Run copy2 = bench.dsyncCopy(large, 2);
        double rate1 = large.documents() / copy1.wallSeconds();
        double rate2 = large.documents() / copy2.wallSeconds();
        report.add(Figure.of(NAME, "dsync copy p1: docs/s", rate1, "docs/s"));
        report.add(Figure.against(NAME, "dsync copy p2: docs/s", rate2, "docs/s", "p1", rate1));
        // the destination now holds a copy of the large data set
        Run verify1 = bench.dsyncVerify(large, 1, "scaling");
        Run verify2 = bench.dsyncVerify(large, 2, "scaling");
        double vrate1 = large.documents() / verify1.wallSeconds();
        double vrate2 = large.documents() / verify2.wallSeconds();
        report.add(Figure.of(NAME, "dsync verify p1: docs/s", vrate1, "docs/s"));
        report.add(Figure.against(NAME, "dsync verify p2: docs/s", vrate2, "docs/s", "p1", vrate1));

        int p = bench.options().parallelism();
        bench.seedSource(small);
        Run copySmall = bench.dsyncCopy(small, p);
        Run copyLarge = bench.dsyncCopy(large, p);
        Run verifySmall = bench.dsyncVerify(small, p, "small");
        Run verifyLarge =
                p == 1 ? verify1 : p == 2 ? verify2 : bench.dsyncVerify(large, p, "large");
        bench.dropDestination(small.database());
        double copyGrowth = copyLarge.usage().peakRssMiB() / copySmall.usage().peakRssMiB();
        double verifyGrowth = verifyLarge.usage().peakRssMiB() / verifySmall.usage().peakRssMiB();
        report.add(
                Figure.of(
                        NAME,
                        "dsync copy peak RSS, " + small.documents() + " docs",
                        copySmall.usage().peakRssMiB(),
                        "MiB"));
        report.add(
                Figure.against(
                        NAME,
                        "dsync copy peak RSS, " + large.documents() + " docs",
                        copyLarge.usage().peakRssMiB(),
                        "MiB",
                        "N/10",
                        copySmall.usage().peakRssMiB()));
        report.add(
                Figure.of(
                        NAME,
                        "dsync verify peak RSS, " + small.documents() + " docs",
                        verifySmall.usage().peakRssMiB(),
                        "MiB"));
        report.add(
                Figure.against(
                        NAME,
                        "dsync verify peak RSS, " + large.documents() + " docs",
                        verifyLarge.usage().peakRssMiB(),
                        "MiB",
                        "N/10",
                        verifySmall.usage().peakRssMiB()));
        report.note(
                NAME,
                String.format(
                        Locale.ROOT,
                        "Memory is compared between %,d and %,d documents (10×); the servers hold"
                                + " everything in memory, so 10× --docs would not fit beside them."
                                + " With 2 cores, parallelism 2 shares the CPU with both servers: %s.",
                        small.documents(),
                        large.documents(),
                        copy2.cpuSplit(bench.machine().cores())));
        report.check(
                new TargetCheck(
                        NAME,
                        "verify peak RSS flat from N/10 to N documents (≤ " + FLAT + "×)",
                        CopyScenario.ratio(verifyGrowth),
                        verifyGrowth <= FLAT,
                        "JVM heap sizing: the default max heap is 1/4 of RAM, and G1 grows the heap with the allocation rate"));
        report.check(
                new TargetCheck(
                        NAME,
                        "copy peak RSS flat from N/10 to N documents (≤ " + FLAT + "×)",
                        CopyScenario.ratio(copyGrowth),
                        copyGrowth <= FLAT,
                        "JVM heap sizing: the default max heap is 1/4 of RAM, and G1 grows the heap with the allocation rate"));
    }
}
