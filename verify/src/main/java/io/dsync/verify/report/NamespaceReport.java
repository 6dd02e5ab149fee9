package io.dsync.verify.report;

/** What verify found for one namespace, for the summary. Counts that do not apply are -1. */
public final class NamespaceReport {

    /** How the namespace was checked. */
    public enum Status {
        /** Present on both sides, documents compared. */
        COMPARED,
        /** Present on both sides, exact counts only ({@code --quick}). */
        COUNTED,
        /** Present on both sides but holds no documents of its own (a view) or is not compared. */
        NOT_COMPARED,
        SOURCE_ONLY,
        DESTINATION_ONLY
    }

    public final String label;
    public final Status status;
    public String note = "";
    public long sourceDocuments = -1;
    public long destinationDocuments = -1;
    public long matched = -1;
    public long missing = -1;
    public long extra = -1;
    public long different = -1;
    public long resolvedByRecheck;
    public int sourceIndexes = -1;
    public int destinationIndexes = -1;
    public long indexFindings;

    /** Indexes unique at the source but not (yet) at the destination. */
    public java.util.List<String> notUniqueIndexes = java.util.List.of();

    public boolean optionsDiffer;

    public NamespaceReport(String label, Status status) {
        this.label = label;
        this.status = status;
    }

    /** Differences in this namespace (documents, counts, indexes, options, presence). */
    public long differences() {
        long documents = Math.max(0, missing) + Math.max(0, extra) + Math.max(0, different);
        boolean presence = status == Status.SOURCE_ONLY || status == Status.DESTINATION_ONLY;
        boolean counts = status == Status.COUNTED && sourceDocuments != destinationDocuments;
        return documents
                + indexFindings
                + (optionsDiffer ? 1 : 0)
                + (presence ? 1 : 0)
                + (counts ? 1 : 0);
    }
}
