package io.dsync.verify.report;

/** The kinds of difference verify reports; {@link #wireName()} is the report's {@code kind}. */
public enum FindingKind {
    MISSING_ON_DESTINATION("missing_on_destination"),
    EXTRA_ON_DESTINATION("extra_on_destination"),
    DIFFERENT("different"),
    NAMESPACE_MISSING_ON_DESTINATION("namespace_missing_on_destination"),
    NAMESPACE_EXTRA_ON_DESTINATION("namespace_extra_on_destination"),
    INDEX_MISSING_ON_DESTINATION("index_missing_on_destination"),
    INDEX_EXTRA_ON_DESTINATION("index_extra_on_destination"),
    INDEX_DIFFERENT("index_different"),
    /** Unique at the source, otherwise identical but not (yet) unique at the destination. */
    INDEX_NOT_UNIQUE_ON_DESTINATION("index_not_unique_on_destination"),
    OPTIONS_DIFFERENT("options_different"),
    COUNT_DIFFERENT("count_different");

    private final String wireName;

    FindingKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether this is about one document (capped by {@code --max-reported}). */
    public boolean isDocumentLevel() {
        return this == MISSING_ON_DESTINATION || this == EXTRA_ON_DESTINATION || this == DIFFERENT;
    }
}
