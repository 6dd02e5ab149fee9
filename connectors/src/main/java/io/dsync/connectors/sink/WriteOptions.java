package io.dsync.connectors.sink;

import com.mongodb.ConnectionString;
import io.dsync.connectors.namespace.NamespaceMapping;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Immutable, validated settings of the {@link MigrationSink}. Every default lives here, in the
 * {@code DEFAULT_*} constants.
 */
public final class WriteOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_BATCH_DOCUMENTS = 1000;
    public static final long DEFAULT_MAX_BATCH_BYTES = 8L * 1024 * 1024;
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 64L * 1024 * 1024;

    /**
     * Short: under a steady change load batches fill by size long before it, and at low rates it is
     * the floor of the replication lag, which READY FOR CUTOVER compares with 2 s.
     */
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(100);

    /**
     * Batches a writer has sent or queued and not yet seen acknowledged: one at the destination
     * while the next waits behind it, so the destination never idles while the task fills a batch.
     */
    public static final int DEFAULT_MAX_WRITES_IN_FLIGHT = 2;

    public static final long DEFAULT_MAX_WRITE_RATE = 0; // no limit
    public static final boolean DEFAULT_BYPASS_DOCUMENT_VALIDATION = false;

    /**
     * The server's {@code maxWriteBatchSize}: most operations in one write command.
     *
     * @see <a
     *     href="https://www.mongodb.com/docs/manual/reference/limits/#mongodb-limit-Write-Command-Batch-Limit-Size">
     *     Write command batch limit</a>
     */
    public static final int MAX_WRITE_BATCH_SIZE = 100_000;

    /**
     * Largest batch we allow: the BSON document limit (16 MiB), well under the 48 MB message limit,
     * so that a batch always fits in few messages.
     *
     * @see <a
     *     href="https://www.mongodb.com/docs/manual/reference/limits/#mongodb-limit-BSON-Document-Size">
     *     BSON document size</a>
     */
    public static final long MAX_BATCH_BYTES_LIMIT = 16L * 1024 * 1024;

    private final String connectionString;
    private final NamespaceMapping namespaceMapping;
    private final int maxBatchDocuments;
    private final long maxBatchBytes;
    private final long maxBufferedBytes;
    private final Duration maxBatchDelay;
    private final int maxWritesInFlight;
    private final long maxWriteRate;
    private final boolean bypassDocumentValidation;
    private final RetryPolicy retryPolicy;
    private final RecordKeys recordKeys;
    private final TreeSet<String> orderedNamespaces;

    private WriteOptions(Builder b) {
        if (b.connectionString == null || b.connectionString.isBlank()) {
            throw new IllegalArgumentException(
                    "the destination connection string is required (mongodb://... or"
                            + " mongodb+srv://...)");
        }
        try {
            new ConnectionString(b.connectionString);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid destination connection string "
                            + ConnectionStrings.redact(b.connectionString)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        if (b.maxBatchDocuments < 1 || b.maxBatchDocuments > MAX_WRITE_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "max batch size must be between 1 and "
                            + MAX_WRITE_BATCH_SIZE
                            + " documents, got "
                            + b.maxBatchDocuments);
        }
        if (b.maxBatchBytes < 1024 || b.maxBatchBytes > MAX_BATCH_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "max batch bytes must be between 1024 and "
                            + MAX_BATCH_BYTES_LIMIT
                            + " (16 MiB), got "
                            + b.maxBatchBytes);
        }
        if (b.maxBufferedBytes < b.maxBatchBytes) {
            throw new IllegalArgumentException(
                    "max buffered bytes ("
                            + b.maxBufferedBytes
                            + ") must be at least the max batch bytes ("
                            + b.maxBatchBytes
                            + ")");
        }
        Objects.requireNonNull(b.maxBatchDelay, "maxBatchDelay");
        if (b.maxBatchDelay.isNegative() || b.maxBatchDelay.isZero()) {
            throw new IllegalArgumentException(
                    "max batch delay must be positive, got " + b.maxBatchDelay);
        }
        if (b.maxWritesInFlight < 1 || b.maxWritesInFlight > 16) {
            throw new IllegalArgumentException(
                    "writes in flight must be between 1 and 16, got " + b.maxWritesInFlight);
        }
        if (b.maxWriteRate < 0) {
            throw new IllegalArgumentException(
                    "write rate limit must be 0 (none) or a positive number of documents per"
                            + " second, got "
                            + b.maxWriteRate);
        }
        this.connectionString = b.connectionString;
        this.namespaceMapping = Objects.requireNonNull(b.namespaceMapping, "namespaceMapping");
        this.maxBatchDocuments = b.maxBatchDocuments;
        this.maxBatchBytes = b.maxBatchBytes;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.maxBatchDelay = b.maxBatchDelay;
        this.maxWritesInFlight = b.maxWritesInFlight;
        this.maxWriteRate = b.maxWriteRate;
        this.bypassDocumentValidation = b.bypassDocumentValidation;
        this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy");
        this.recordKeys = Objects.requireNonNull(b.recordKeys, "recordKeys");
        this.orderedNamespaces = new TreeSet<>(b.orderedNamespaces);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The destination connection string, with its password: never log it, see {@link #toString}.
     */
    public String connectionString() {
        return connectionString;
    }

    public NamespaceMapping namespaceMapping() {
        return namespaceMapping;
    }

    /** Most documents in one bulk write of one namespace. */
    public int maxBatchDocuments() {
        return maxBatchDocuments;
    }

    /** Most bytes (keys and documents) in one bulk write of one namespace. */
    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    /** Most bytes buffered over all namespaces of one writer; the largest batch goes first. */
    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    /** Longest time a record waits in a buffer before its batch is written. */
    public Duration maxBatchDelay() {
        return maxBatchDelay;
    }

    /** Most batches of one writer sent or queued and not yet acknowledged by the destination. */
    public int maxWritesInFlight() {
        return maxWritesInFlight;
    }

    /** Documents per second the whole sink may write (shared by its writers); 0 = no limit. */
    public long maxWriteRate() {
        return maxWriteRate;
    }

    /** Whether writes skip the destination collections' validators. */
    public boolean bypassDocumentValidation() {
        return bypassDocumentValidation;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The keys batches hold one record per: the same as the shuffle's and the guard's. */
    public RecordKeys recordKeys() {
        return recordKeys;
    }

    /**
     * Source namespaces written one record at a time, in the order received (capped collections:
     * connectors/README.md, "Capped collections").
     */
    public Set<String> orderedNamespaces() {
        return Collections.unmodifiableSet(orderedNamespaces);
    }

    public Builder toBuilder() {
        return new Builder()
                .connectionString(connectionString)
                .namespaceMapping(namespaceMapping)
                .maxBatchDocuments(maxBatchDocuments)
                .maxBatchBytes(maxBatchBytes)
                .maxBufferedBytes(maxBufferedBytes)
                .maxBatchDelay(maxBatchDelay)
                .maxWritesInFlight(maxWritesInFlight)
                .maxWriteRate(maxWriteRate)
                .bypassDocumentValidation(bypassDocumentValidation)
                .retryPolicy(retryPolicy)
                .recordKeys(recordKeys)
                .orderedNamespaces(orderedNamespaces);
    }

    @Override
    public String toString() {
        return "WriteOptions{destination="
                + ConnectionStrings.redact(connectionString)
                + ", mapping="
                + namespaceMapping
                + ", maxBatchDocuments="
                + maxBatchDocuments
                + ", maxBatchBytes="
                + maxBatchBytes
                + ", maxBufferedBytes="
                + maxBufferedBytes
                + ", maxBatchDelay="
                + maxBatchDelay
                + ", maxWritesInFlight="
                + maxWritesInFlight
                + ", maxWriteRate="
                + maxWriteRate
                + ", bypassDocumentValidation="
                + bypassDocumentValidation
                + ", "
                + retryPolicy
                + "}";
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private String connectionString;
        private NamespaceMapping namespaceMapping = NamespaceMapping.identity();
        private int maxBatchDocuments = DEFAULT_MAX_BATCH_DOCUMENTS;
        private long maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;
        private int maxWritesInFlight = DEFAULT_MAX_WRITES_IN_FLIGHT;
        private long maxWriteRate = DEFAULT_MAX_WRITE_RATE;
        private boolean bypassDocumentValidation = DEFAULT_BYPASS_DOCUMENT_VALIDATION;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RecordKeys recordKeys = RecordKeys.INSTANCE;
        private Set<String> orderedNamespaces = Set.of();

        private Builder() {}

        public Builder connectionString(String connectionString) {
            this.connectionString = connectionString;
            return this;
        }

        public Builder namespaceMapping(NamespaceMapping namespaceMapping) {
            this.namespaceMapping = namespaceMapping;
            return this;
        }

        public Builder maxBatchDocuments(int maxBatchDocuments) {
            this.maxBatchDocuments = maxBatchDocuments;
            return this;
        }

        public Builder maxBatchBytes(long maxBatchBytes) {
            this.maxBatchBytes = maxBatchBytes;
            return this;
        }

        public Builder maxBufferedBytes(long maxBufferedBytes) {
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        public Builder maxBatchDelay(Duration maxBatchDelay) {
            this.maxBatchDelay = maxBatchDelay;
            return this;
        }

        public Builder maxWritesInFlight(int maxWritesInFlight) {
            this.maxWritesInFlight = maxWritesInFlight;
            return this;
        }

        public Builder maxWriteRate(long documentsPerSecond) {
            this.maxWriteRate = documentsPerSecond;
            return this;
        }

        public Builder bypassDocumentValidation(boolean bypassDocumentValidation) {
            this.bypassDocumentValidation = bypassDocumentValidation;
            return this;
        }

        public Builder orderedNamespaces(Set<String> namespaces) {
            this.orderedNamespaces = Objects.requireNonNull(namespaces, "namespaces");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder recordKeys(RecordKeys recordKeys) {
            this.recordKeys = recordKeys;
            return this;
        }

        public WriteOptions build() {
            return new WriteOptions(this);
        }
    }
}
