package io.dsync.verify.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Prints the end-of-run summary: one block per namespace, then the listed differences. */
public final class SummaryPrinter {

    /** Differences shown on stdout at most; the report file has them all (up to the cap). */
    static final int MAX_PRINTED_FINDINGS = 20;

    private SummaryPrinter() {}

    public static void print(
            PrintStream out,
            String mode,
            List<NamespaceReport> namespaces,
            List<Finding> findings,
            long documentDifferences,
            Path reportFile,
            int maxReported) {
        out.println();
        out.println("Summary (" + mode + ")");
        if (namespaces.isEmpty()) {
            out.println("  No namespace selected on either side: check --include/--exclude/--map.");
        }
        for (NamespaceReport ns : namespaces) {
            printNamespace(out, ns);
        }
        long total = namespaces.stream().mapToLong(NamespaceReport::differences).sum();
        out.println();
        if (total == 0) {
            out.printf("Result: IDENTICAL (%d namespaces)%n", namespaces.size());
        } else {
            out.printf(
                    "Result: %,d DIFFERENCES in %d of %d namespaces%n",
                    total,
                    namespaces.stream().filter(n -> n.differences() > 0).count(),
                    namespaces.size());
            long listedDocuments =
                    findings.stream().filter(f -> f.kind().isDocumentLevel()).count();
            if (listedDocuments < documentDifferences) {
                out.printf(
                        "  %,d of %,d document differences are listed (--max-reported %d)%n",
                        listedDocuments, documentDifferences, maxReported);
            }
            int shown = 0;
            for (Finding f : findings) {
                if (shown++ == MAX_PRINTED_FINDINGS) {
                    out.printf("  ... %,d more%n", findings.size() - MAX_PRINTED_FINDINGS);
                    break;
                }
                out.println("  " + ReportWriter.toJson(f));
            }
        }
        if (reportFile != null) {
            out.println("Report: " + reportFile + " (" + findings.size() + " lines)");
        } else if (!findings.isEmpty()) {
            out.println("Use --report FILE to write every listed difference as JSON lines.");
        }
        out.flush();
    }

    private static void printNamespace(PrintStream out, NamespaceReport ns) {
        out.println("  " + ns.label + (ns.note.isEmpty() ? "" : "  (" + ns.note + ")"));
        switch (ns.status) {
            case SOURCE_ONLY ->
                    out.printf(
                            "    MISSING ON DESTINATION (about %,d documents on the source)%n",
                            ns.sourceDocuments);
            case DESTINATION_ONLY ->
                    out.printf(
                            "    EXTRA ON DESTINATION (about %,d documents), not on the source%n",
                            ns.destinationDocuments);
            case COUNTED ->
                    out.printf(
                            "    documents: source %,d, destination %,d (exact counts%s)%n",
                            ns.sourceDocuments,
                            ns.destinationDocuments,
                            ns.sourceDocuments == ns.destinationDocuments ? "" : ": COUNT DIFFERS");
            case COMPARED -> {
                out.printf(
                        "    documents: source %,d, destination %,d; matched %,d, missing on"
                                + " destination %,d, extra on destination %,d, different %,d%n",
                        ns.sourceDocuments,
                        ns.destinationDocuments,
                        ns.matched,
                        ns.missing,
                        ns.extra,
                        ns.different);
                if (ns.resolvedByRecheck > 0) {
                    out.printf(
                            "    %,d differences of the first pass were transient (gone on"
                                    + " recheck)%n",
                            ns.resolvedByRecheck);
                }
            }
            case NOT_COMPARED -> out.println("    documents: not compared");
        }
        if (ns.status != NamespaceReport.Status.SOURCE_ONLY
                && ns.status != NamespaceReport.Status.DESTINATION_ONLY) {
            if (ns.sourceIndexes >= 0) {
                out.printf(
                        "    indexes: source %d, destination %d%s%n",
                        ns.sourceIndexes,
                        ns.destinationIndexes,
                        ns.indexFindings == 0
                                ? ", identical"
                                : ", " + ns.indexFindings + " DIFFER");
            }
            if (!ns.notUniqueIndexes.isEmpty()) {
                out.println(
                        "    not unique yet on the destination: "
                                + String.join(", ", ns.notUniqueIndexes)
                                + " (unique on the source): run 'dsync finalize' with the same"
                                + " options once the writes have stopped");
            }
            out.println("    options: " + (ns.optionsDiffer ? "DIFFER" : "identical"));
        }
    }
}
