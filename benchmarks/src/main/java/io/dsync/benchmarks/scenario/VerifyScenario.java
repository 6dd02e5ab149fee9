package io.dsync.benchmarks.scenario;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.benchmarks.data.DataSet;
import io.dsync.benchmarks.results.Figure;
import io.dsync.benchmarks.results.Report;
import io.dsync.benchmarks.results.TargetCheck;
import java.util.List;
import java.util.Locale;
import org.bson.RawBsonDocument;

/**
 * verify: dsync's verify job and a single-threaded driver loop (both sides sorted by {@code _id},
 * bytes compared) on identical databases, then on slightly different ones ({@value #CHANGED}
 * documents changed, {@value #DELETED} deleted, {@value #EXTRA} extra at the destination). Both
 * must find exactly those differences.
 */
public final class VerifyScenario {

    static final String NAME = "verify";
    static final int CHANGED = 10;
    static final int DELETED = 5;
    static final int EXTRA = 5;

    private final Bench bench;

    public VerifyScenario(Bench bench) {
        this.bench = bench;
    }

    public void run() throws Exception {
        DataSet data = bench.mainData();
        bench.seedSource(data);
        bench.seedDestinationCopy(data);
        Report report = bench.report();
        int p = bench.options().parallelism();
        System.out.println("[verify] " + data.documents() + " documents on each side");

        Run loop = baselineLoop(data, "identical");
        requireDifferences(loop, 0);
        Run dsync = bench.dsyncVerify(data, p, "identical");
        requireExit(dsync, 0, "identical databases");
        double loopRate = data.documents() / loop.wallSeconds();
        double dsyncRate = data.documents() / dsync.wallSeconds();
        report.add(Figure.of(NAME, "driver loop, identical: docs/s", loopRate, "docs/s"));
        report.add(Figure.of(NAME, "driver loop: peak RSS", loop.usage().peakRssMiB(), "MiB"));
        report.add(
                Figure.against(
                        NAME,
                        "dsync verify, identical: docs/s",
                        dsyncRate,
                        "docs/s",
                        "loop",
                        loopRate));
        report.add(Figure.of(NAME, "dsync verify: wall time", dsync.wallSeconds(), "s"));
        report.add(Figure.of(NAME, "dsync verify: peak RSS", dsync.usage().peakRssMiB(), "MiB"));

        plantDifferences(data);
        Run loopDiff = baselineLoop(data, "different");
        requireDifferences(loopDiff, CHANGED + DELETED + EXTRA);
        Run dsyncDiff = bench.dsyncVerify(data, p, "different");
        requireExit(dsyncDiff, 1, "databases with planted differences");
        removeDifferences(data);
        double loopDiffRate = data.documents() / loopDiff.wallSeconds();
        double dsyncDiffRate = data.documents() / dsyncDiff.wallSeconds();
        report.add(Figure.of(NAME, "driver loop, 20 differences: docs/s", loopDiffRate, "docs/s"));
        report.add(
                Figure.against(
                        NAME,
                        "dsync verify, 20 differences: docs/s",
                        dsyncDiffRate,
                        "docs/s",
                        "loop",
                        loopDiffRate));

        int cores = bench.machine().cores();
        report.note(
                NAME,
                "CPU while verifying identical databases: "
                        + loop.cpuSplit(cores)
                        + "; "
                        + dsync.cpuSplit(cores)
                        + ".");
        if (dsync.jfr() != null) {
            report.note(NAME, "dsync verify flight recording: " + dsync.jfr());
        }
        report.check(
                new TargetCheck(
                        NAME,
                        "dsync verify ≥ 2× the driver loop",
                        CopyScenario.ratio(dsyncRate / loopRate),
                        dsyncRate >= 2 * loopRate,
                        CopyScenario.bound(dsync, cores)));
    }

    private Run baselineLoop(DataSet data, String what) throws Exception {
        return bench.baseline(
                "driver verify loop " + what,
                List.of(
                        "verify-loop",
                        bench.servers().source().uri(),
                        bench.servers().destination().uri(),
                        data.database()),
                null);
    }

    private static void requireDifferences(Run run, long expected) {
        long found = Math.round(run.resultValue("differences"));
        if (found != expected) {
            throw new IllegalStateException(
                    run.name()
                            + " found "
                            + found
                            + " differences, expected "
                            + expected
                            + ": "
                            + run.result());
        }
    }

    private static void requireExit(Run run, int expected, String what) {
        if (run.exitCode() != expected) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "%s exited %d on %s, expected %d",
                            run.name(),
                            run.exitCode(),
                            what,
                            expected));
        }
    }

    /** Changes, deletes and adds documents at the destination of collections c1 and c0. */
    private void plantDifferences(DataSet data) {
        BenchDocuments documents = data.generator();
        for (int i = 0; i < CHANGED; i++) {
            int c = i % 2;
            long seq = changedSeq(i);
            collection(data, c)
                    .replaceOne(
                            Filters.eq("_id", BenchDocuments.id(c, seq)),
                            documents.document(c, seq, 1));
        }
        for (int i = 0; i < DELETED; i++) {
            int c = i % 2;
            collection(data, c).deleteOne(Filters.eq("_id", BenchDocuments.id(c, deletedSeq(i))));
        }
        for (int i = 0; i < EXTRA; i++) {
            int c = i % 2;
            collection(data, c).insertOne(documents.document(c, extraSeq(data, c, i)));
        }
    }

    /** Puts the destination back to an identical copy. */
    private void removeDifferences(DataSet data) {
        BenchDocuments documents = data.generator();
        for (int i = 0; i < CHANGED; i++) {
            restore(data, documents, i % 2, changedSeq(i));
        }
        for (int i = 0; i < DELETED; i++) {
            restore(data, documents, i % 2, deletedSeq(i));
        }
        for (int i = 0; i < EXTRA; i++) {
            int c = i % 2;
            collection(data, c)
                    .deleteOne(Filters.eq("_id", BenchDocuments.id(c, extraSeq(data, c, i))));
        }
    }

    /** Writes the seeded version of a document back (an upsert: it may have been deleted). */
    private void restore(DataSet data, BenchDocuments documents, int c, long seq) {
        collection(data, c)
                .replaceOne(
                        Filters.eq("_id", BenchDocuments.id(c, seq)),
                        documents.document(c, seq),
                        new ReplaceOptions().upsert(true));
    }

    // Where the differences are planted: the i-th changed, deleted and extra document.
    private static long changedSeq(int i) {
        return 5 + i * 3L;
    }

    private static long deletedSeq(int i) {
        return 40 + i * 5L;
    }

    private static long extraSeq(DataSet data, int c, int i) {
        return data.documentsIn(c) + i;
    }

    private MongoCollection<RawBsonDocument> collection(DataSet data, int c) {
        return bench.destination()
                .getDatabase(data.database())
                .getCollection(BenchDocuments.collectionName(c), RawBsonDocument.class);
    }
}
