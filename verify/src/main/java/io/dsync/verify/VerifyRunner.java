package io.dsync.verify;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.consistency.PrimaryMember;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.sink.ConnectionStrings;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.verify.catalog.CollectionComparison;
import io.dsync.verify.catalog.NamespacePair;
import io.dsync.verify.catalog.NamespacePlan;
import io.dsync.verify.catalog.NamespacePlanner;
import io.dsync.verify.job.DocumentPass;
import io.dsync.verify.report.Finding;
import io.dsync.verify.report.FindingKind;
import io.dsync.verify.report.NamespaceReport;
import io.dsync.verify.report.ReportWriter;
import io.dsync.verify.report.SummaryPrinter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.bson.BsonDocument;

/**
 * Runs {@code dsync verify}: namespace, option and index checks on the client, the document
 * comparison as a Flink batch job ({@link DocumentPass}), the optional recheck, then the summary on
 * the given stream and the optional JSON-lines report.
 */
public final class VerifyRunner {

    /** Exit code: source and destination are identical. */
    public static final int IDENTICAL = 0;

    /** Exit code: differences were found. */
    public static final int DIFFERENCES = 1;

    private final PrintStream out;
    private final Function<Configuration, StreamExecutionEnvironment> environments;

    /**
     * A runner whose job runs where {@code StreamExecutionEnvironment.getExecutionEnvironment}
     * says: on the cluster under {@code flink run}, otherwise on a MiniCluster of its own.
     *
     * @param out where the progress lines and the summary go (stdout in the CLI)
     */
    public VerifyRunner(PrintStream out) {
        this(out, StreamExecutionEnvironment::getExecutionEnvironment);
    }

    /**
     * @param out where the progress lines and the summary go (stdout in the CLI)
     * @param environments the environment the comparison job runs in, for its configuration
     */
    public VerifyRunner(
            PrintStream out, Function<Configuration, StreamExecutionEnvironment> environments) {
        this.out = out;
        this.environments = environments;
    }

    /**
     * @return {@link #IDENTICAL} or {@link #DIFFERENCES}
     * @throws VerifyException when verify could not finish (the message says why, passwords
     *     redacted)
     */
    public int run(VerifyOptions options) {
        out.println(
                "dsync verify: source "
                        + ConnectionStrings.redact(options.sourceUri())
                        + " -> destination "
                        + ConnectionStrings.redact(options.destinationUri()));
        String mode = describeMode(options);
        out.println("Mode: " + mode);
        out.flush();
        try (MongoClient source = ForcedConsistency.client(options.sourceUri());
                MongoClient destination = ForcedConsistency.client(options.destinationUri())) {
            requirePrimary(source, "source", options.sourceUri());
            requirePrimary(destination, "destination", options.destinationUri());
            return verify(options, mode, source, destination);
        } catch (MongoException e) {
            throw new VerifyException(
                    "A database operation failed: "
                            + ConnectionStrings.redactIn(e.getMessage())
                            + ". Check that both servers are reachable and the credentials in"
                            + " --source/--destination are right.",
                    e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new VerifyException(ConnectionStrings.redactIn(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyException("Interrupted", e);
        }
    }

    /** Verify reads through the primary, as migrate does ({@link PrimaryMember}). */
    private static void requirePrimary(MongoClient client, String role, String uri) {
        PrimaryMember.refusal(client, role, String.join(",", new ConnectionString(uri).getHosts()))
                .ifPresent(
                        message -> {
                            throw new VerifyException(message);
                        });
    }

    /** The mode line of the output, e.g. "full comparison, raw-bytes, with recheck (3 x 5s)". */
    static String describeMode(VerifyOptions options) {
        if (options.quick()) {
            return "quick (exact counts, indexes, options; documents not compared)";
        }
        String compare =
                options.compareMode() == CompareMode.RAW_BYTES
                        ? "raw-bytes (field order and numeric types matter)"
                        : "ignore-field-order (keys sorted recursively, BSON types kept)";
        String recheck =
                options.recheck()
                        ? "with recheck ("
                                + options.recheckRounds()
                                + " rounds, "
                                + options.recheckDelay().toMillis()
                                + " ms apart)"
                        : "without recheck";
        return "full document comparison, " + compare + ", " + recheck;
    }

    private int verify(
            VerifyOptions options, String mode, MongoClient source, MongoClient destination)
            throws InterruptedException {
        NamespacePlan plan =
                NamespacePlanner.plan(source, destination, options.filter(), options.mapping());
        List<Finding> namespaceFindings = new ArrayList<>();
        List<NamespaceReport> reports = new ArrayList<>();
        List<NamespacePair> compared = new ArrayList<>();
        List<NamespaceReport> comparedReports = new ArrayList<>();

        for (var info : plan.sourceOnly()) {
            Namespace ns = info.namespace();
            Namespace target = options.mapping().map(ns);
            NamespaceReport r =
                    new NamespaceReport(
                            new NamespacePair(ns, target).label(),
                            NamespaceReport.Status.SOURCE_ONLY);
            r.sourceDocuments = SourceCatalog.estimatedCount(source, ns);
            reports.add(r);
            namespaceFindings.add(
                    Finding.namespace(
                            FindingKind.NAMESPACE_MISSING_ON_DESTINATION,
                            ns.fullName(),
                            target.fullName()));
        }
        for (var only : plan.destinationOnly()) {
            NamespaceReport r =
                    new NamespaceReport(
                            only.pair().label(), NamespaceReport.Status.DESTINATION_ONLY);
            r.destinationDocuments =
                    SourceCatalog.estimatedCount(destination, only.pair().destination());
            reports.add(r);
            namespaceFindings.add(
                    Finding.namespace(
                            FindingKind.NAMESPACE_EXTRA_ON_DESTINATION,
                            only.pair().source().fullName(),
                            only.pair().destination().fullName()));
        }
        for (NamespacePlan.Matched m : plan.matched()) {
            NamespacePair pair = m.pair();
            NamespaceReport.Status status =
                    !m.holdsDocuments()
                            ? NamespaceReport.Status.NOT_COMPARED
                            : options.quick()
                                    ? NamespaceReport.Status.COUNTED
                                    : NamespaceReport.Status.COMPARED;
            NamespaceReport r = new NamespaceReport(pair.label(), status);
            if (!m.holdsDocuments()) {
                r.note =
                        m.source().typeName()
                                + " on the source, "
                                + m.destination().typeName()
                                + " on the destination";
            }
            CollectionComparison.Result specs =
                    CollectionComparison.compare(m, source, destination);
            namespaceFindings.addAll(specs.findings());
            r.indexFindings = specs.indexFindings();
            r.notUniqueIndexes = specs.notUniqueIndexes();
            r.optionsDiffer = specs.optionsDiffer();
            if (m.holdsDocuments()) {
                r.sourceIndexes = specs.sourceIndexes();
                r.destinationIndexes = specs.destinationIndexes();
            }
            if (status == NamespaceReport.Status.COUNTED) {
                // Exact counts:
                // https://www.mongodb.com/docs/manual/reference/method/db.collection.countDocuments/
                r.sourceDocuments = countDocuments(source, pair.source());
                r.destinationDocuments = countDocuments(destination, pair.destination());
                if (r.sourceDocuments != r.destinationDocuments) {
                    namespaceFindings.add(
                            Finding.count(
                                    pair.source().fullName(),
                                    pair.destination().fullName(),
                                    r.sourceDocuments,
                                    r.destinationDocuments));
                }
            } else if (status == NamespaceReport.Status.COMPARED) {
                compared.add(pair);
                comparedReports.add(r);
            }
            reports.add(r);
        }

        DocumentComparison documents =
                new DocumentComparison(options, source, destination, out, environments);
        DocumentComparison.Result outcome = documents.compare(compared, comparedReports);
        List<Finding> findings = new ArrayList<>(namespaceFindings);
        findings.addAll(outcome.documentFindings());

        reports.sort((a, b) -> a.label.compareTo(b.label));
        if (options.reportFile() != null) {
            ReportWriter.write(options.reportFile(), findings);
        }
        SummaryPrinter.print(
                out,
                mode,
                reports,
                findings,
                outcome.documentDifferences(),
                options.reportFile(),
                options.maxReported());
        long total = reports.stream().mapToLong(NamespaceReport::differences).sum();
        return total == 0 && findings.isEmpty() ? IDENTICAL : DIFFERENCES;
    }

    private static long countDocuments(MongoClient client, Namespace ns) {
        return client.getDatabase(ns.database())
                .getCollection(ns.collection(), BsonDocument.class)
                .countDocuments();
    }
}
