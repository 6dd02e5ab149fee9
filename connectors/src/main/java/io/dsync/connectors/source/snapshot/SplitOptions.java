package io.dsync.connectors.source.snapshot;

/**
 * How big the {@code _id} ranges of the initial sync are. Immutable; build with {@link #builder()};
 * every default is defined here.
 *
 * <p>The number of documents per range is {@link #documentsPerRange()} when set, otherwise {@link
 * #targetRangeBytes()} divided by the collection's average document size (or {@link
 * #assumedDocumentBytes()} when the server does not report it), at least {@link
 * #minDocumentsPerRange()} and at most {@link #maxDocumentsPerRange()}.
 */
public final class SplitOptions {

    public static final long DEFAULT_TARGET_RANGE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MIN_DOCUMENTS_PER_RANGE = 1_000;
    public static final int DEFAULT_ASSUMED_DOCUMENT_BYTES = 1_024;
    public static final int DEFAULT_MAX_DOCUMENTS_PER_RANGE = Integer.MAX_VALUE;

    private final long targetRangeBytes;
    private final int minDocumentsPerRange;
    private final int assumedDocumentBytes;
    private final int maxDocumentsPerRange;
    private final int documentsPerRange;

    private SplitOptions(Builder b) {
        this.targetRangeBytes = b.targetRangeBytes;
        this.minDocumentsPerRange = b.minDocumentsPerRange;
        this.assumedDocumentBytes = b.assumedDocumentBytes;
        this.maxDocumentsPerRange = b.maxDocumentsPerRange;
        this.documentsPerRange = b.documentsPerRange;
    }

    public static SplitOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public long targetRangeBytes() {
        return targetRangeBytes;
    }

    public int minDocumentsPerRange() {
        return minDocumentsPerRange;
    }

    public int assumedDocumentBytes() {
        return assumedDocumentBytes;
    }

    /** Upper limit of a derived number of documents per range. */
    public int maxDocumentsPerRange() {
        return maxDocumentsPerRange;
    }

    /** A fixed number of documents per range, or 0 to derive it from the sizes. */
    public int documentsPerRange() {
        return documentsPerRange;
    }

    /**
     * Documents per range for a collection.
     *
     * @param averageDocumentBytes the collection's average document size, or 0 when unknown
     */
    public int documentsPerRange(long averageDocumentBytes) {
        if (documentsPerRange > 0) {
            return documentsPerRange;
        }
        long size = averageDocumentBytes > 0 ? averageDocumentBytes : assumedDocumentBytes;
        long docs = Math.max(minDocumentsPerRange, targetRangeBytes / size);
        return (int) Math.min(maxDocumentsPerRange, docs);
    }

    @Override
    public String toString() {
        return "SplitOptions{targetRangeBytes="
                + targetRangeBytes
                + ", minDocumentsPerRange="
                + minDocumentsPerRange
                + ", assumedDocumentBytes="
                + assumedDocumentBytes
                + ", maxDocumentsPerRange="
                + maxDocumentsPerRange
                + ", documentsPerRange="
                + documentsPerRange
                + "}";
    }

    /** Builder for {@link SplitOptions}. */
    public static final class Builder {
        private long targetRangeBytes = DEFAULT_TARGET_RANGE_BYTES;
        private int minDocumentsPerRange = DEFAULT_MIN_DOCUMENTS_PER_RANGE;
        private int assumedDocumentBytes = DEFAULT_ASSUMED_DOCUMENT_BYTES;
        private int maxDocumentsPerRange = DEFAULT_MAX_DOCUMENTS_PER_RANGE;
        private int documentsPerRange = 0;

        private Builder() {}

        /** Target size of one range in bytes (default 64 MiB). */
        public Builder targetRangeBytes(long bytes) {
            this.targetRangeBytes = bytes;
            return this;
        }

        /** Lower limit of documents per range (default 1000). */
        public Builder minDocumentsPerRange(int documents) {
            this.minDocumentsPerRange = documents;
            return this;
        }

        /** Average document size assumed when the server reports none (default 1 KiB). */
        public Builder assumedDocumentBytes(int bytes) {
            this.assumedDocumentBytes = bytes;
            return this;
        }

        /** Upper limit of a derived number of documents per range (default none). */
        public Builder maxDocumentsPerRange(int documents) {
            this.maxDocumentsPerRange = documents;
            return this;
        }

        /** A fixed number of documents per range, overriding the size calculation (0 = off). */
        public Builder documentsPerRange(int documents) {
            this.documentsPerRange = documents;
            return this;
        }

        public SplitOptions build() {
            require(targetRangeBytes > 0, "targetRangeBytes must be positive: " + targetRangeBytes);
            require(
                    minDocumentsPerRange > 0,
                    "minDocumentsPerRange must be positive: " + minDocumentsPerRange);
            require(
                    maxDocumentsPerRange >= minDocumentsPerRange,
                    "maxDocumentsPerRange must be at least minDocumentsPerRange ("
                            + minDocumentsPerRange
                            + "): "
                            + maxDocumentsPerRange);
            require(
                    assumedDocumentBytes > 0,
                    "assumedDocumentBytes must be positive: " + assumedDocumentBytes);
            require(
                    documentsPerRange >= 0,
                    "documentsPerRange must be 0 (derive) or positive: " + documentsPerRange);
            return new SplitOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
