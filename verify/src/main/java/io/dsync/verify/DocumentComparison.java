package io.dsync.verify;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.verify.bson.FirstDifference;
import io.dsync.verify.catalog.NamespacePair;
import io.dsync.verify.job.DigestRecord;
import io.dsync.verify.job.DocumentPass;
import io.dsync.verify.job.Outcome;
import io.dsync.verify.job.Side;
import io.dsync.verify.recheck.DocumentChecker;
import io.dsync.verify.recheck.DocumentDifference;
import io.dsync.verify.recheck.Rechecker;
import io.dsync.verify.report.Finding;
import io.dsync.verify.report.FindingKind;
import io.dsync.verify.report.NamespaceReport;
import io.dsync.verify.report.ProgressPrinter;
import io.dsync.verify.source.ReadSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.bson.RawBsonDocument;

/**
 * The document part of verify: runs the {@link DocumentPass} over the pairs present on both sides,
 * fills in their counts, rechecks the listed differences when asked, and finds the first differing
 * field of each listed {@code different} document.
 *
 * <p>In full mode a count difference is not reported separately: every document it consists of is
 * listed (up to the cap) and counted as missing or extra.
 */
final class DocumentComparison {

    /** The document-level findings (at most {@code --max-reported}) and their exact total. */
    record Result(List<Finding> documentFindings, long documentDifferences) {}

    private final VerifyOptions options;
    private final MongoClient source;
    private final MongoClient destination;
    private final PrintStream out;
    private final Function<Configuration, StreamExecutionEnvironment> environments;

    DocumentComparison(
            VerifyOptions options,
            MongoClient source,
            MongoClient destination,
            PrintStream out,
            Function<Configuration, StreamExecutionEnvironment> environments) {
        this.options = options;
        this.source = source;
        this.destination = destination;
        this.out = out;
        this.environments = environments;
    }

    Result compare(List<NamespacePair> pairs, List<NamespaceReport> reports)
            throws InterruptedException {
        if (pairs.isEmpty()) {
            return new Result(List.of(), 0);
        }
        long[] estimated = new long[pairs.size() * 2];
        for (int i = 0; i < pairs.size(); i++) {
            estimated[i * 2] = SourceCatalog.estimatedCount(source, pairs.get(i).source());
            estimated[i * 2 + 1] =
                    SourceCatalog.estimatedCount(destination, pairs.get(i).destination());
        }
        out.printf(
                "Comparing %d namespaces (~%,d documents on the source, ~%,d on the"
                        + " destination)%n",
                pairs.size(), sumSide(estimated, 0), sumSide(estimated, 1));
        out.flush();
        ReadSpec spec =
                new ReadSpec(
                        options.sourceUri(),
                        options.destinationUri(),
                        pairs,
                        options.compareMode(),
                        options.documentsPerRange(),
                        options.rangeBytes(),
                        options.batchSize(),
                        options.maxReported());
        DocumentPass.Result result =
                DocumentPass.run(
                        spec,
                        environments,
                        options.flinkConfiguration(),
                        options.parallelism(),
                        options.progressInterval(),
                        new ProgressPrinter(out, pairs, estimated));

        for (int i = 0; i < pairs.size(); i++) {
            NamespaceReport r = reports.get(i);
            r.sourceDocuments = result.read(i, Side.SOURCE);
            r.destinationDocuments = result.read(i, Side.DESTINATION);
            r.matched = result.outcome(i, Outcome.MATCHED);
            r.missing = result.outcome(i, Outcome.MISSING_ON_DESTINATION);
            r.extra = result.outcome(i, Outcome.EXTRA_ON_DESTINATION);
            r.different = result.outcome(i, Outcome.DIFFERENT);
        }

        List<DocumentDifference> listed = firstMismatches(result.mismatches());
        DocumentChecker checker =
                new DocumentChecker(source, destination, pairs, options.compareMode());
        if (options.recheck() && !listed.isEmpty()) {
            List<DocumentDifference> remaining =
                    new Rechecker(checker, options.recheckRounds(), options.recheckDelay(), out)
                            .recheck(listed);
            for (DocumentDifference d : listed) {
                adjust(reports.get(d.pair()), d.outcome(), -1);
                reports.get(d.pair()).resolvedByRecheck++;
            }
            for (DocumentDifference d : remaining) {
                adjust(reports.get(d.pair()), d.outcome(), +1);
                reports.get(d.pair()).resolvedByRecheck--;
            }
            listed = remaining;
        } else if (!listed.isEmpty()) {
            // Read the documents now, for the first differing field; the outcome stays the one
            // the job saw.
            List<DocumentDifference> read = checker.check(listed);
            List<DocumentDifference> withDocuments = new ArrayList<>(listed.size());
            for (int i = 0; i < listed.size(); i++) {
                DocumentDifference now = read.get(i);
                withDocuments.add(
                        new DocumentDifference(
                                now.pair(),
                                now.id(),
                                listed.get(i).outcome(),
                                now.sourceDocument(),
                                now.destinationDocument()));
            }
            listed = withDocuments;
        }

        List<Finding> findings = new ArrayList<>(listed.size());
        for (DocumentDifference d : listed) {
            NamespacePair pair = pairs.get(d.pair());
            String field = null;
            if (d.outcome() == Outcome.DIFFERENT
                    && d.sourceDocument() != null
                    && d.destinationDocument() != null) {
                field =
                        FirstDifference.of(
                                d.sourceDocument(), d.destinationDocument(), options.compareMode());
            }
            findings.add(
                    Finding.document(
                            kind(d.outcome()),
                            pair.source().fullName(),
                            pair.destination().fullName(),
                            new RawBsonDocument(d.id()).get("_id"),
                            field));
        }
        long total = 0;
        for (NamespaceReport r : reports) {
            total += r.missing + r.extra + r.different;
        }
        return new Result(findings, total);
    }

    /** The first {@code --max-reported} mismatches, in (pair, {@code _id} bytes) order. */
    private List<DocumentDifference> firstMismatches(List<DigestRecord> mismatches) {
        return mismatches.stream()
                .sorted(
                        Comparator.<DigestRecord>comparingInt(r -> r.pair)
                                .thenComparing((a, b) -> Arrays.compareUnsigned(a.id, b.id)))
                .limit(options.maxReported())
                .map(r -> new DocumentDifference(r.pair, r.id, r.outcome(), null, null))
                .toList();
    }

    private static void adjust(NamespaceReport r, Outcome outcome, int delta) {
        switch (outcome) {
            case MISSING_ON_DESTINATION -> r.missing += delta;
            case EXTRA_ON_DESTINATION -> r.extra += delta;
            case DIFFERENT -> r.different += delta;
            case MATCHED -> r.matched += delta;
        }
    }

    private static FindingKind kind(Outcome outcome) {
        return switch (outcome) {
            case MISSING_ON_DESTINATION -> FindingKind.MISSING_ON_DESTINATION;
            case EXTRA_ON_DESTINATION -> FindingKind.EXTRA_ON_DESTINATION;
            case DIFFERENT -> FindingKind.DIFFERENT;
            case MATCHED -> throw new IllegalArgumentException("a match is not a finding");
        };
    }

    private static long sumSide(long[] perPairAndSide, int side) {
        long sum = 0;
        for (int i = side; i < perPairAndSide.length; i += 2) {
            sum += perPairAndSide[i];
        }
        return sum;
    }
}
