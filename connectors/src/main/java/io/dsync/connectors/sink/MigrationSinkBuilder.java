package io.dsync.connectors.sink;

import io.dsync.connectors.namespace.NamespaceMapping;
import java.time.Duration;
import java.util.Set;

/**
 * Builds a {@link MigrationSink}; every setting is optional except the connection string, and
 * defaults are those of {@link WriteOptions}.
 */
public final class MigrationSinkBuilder {

    private final WriteOptions.Builder options = WriteOptions.builder();

    MigrationSinkBuilder() {}

    /** The destination connection string ({@code mongodb://...} or {@code mongodb+srv://...}). */
    public MigrationSinkBuilder setConnectionString(String connectionString) {
        options.connectionString(connectionString);
        return this;
    }

    public MigrationSinkBuilder setNamespaceMapping(NamespaceMapping mapping) {
        options.namespaceMapping(mapping);
        return this;
    }

    /** See {@link WriteOptions#orderedNamespaces()}. */
    public MigrationSinkBuilder setOrderedNamespaces(Set<String> namespaces) {
        options.orderedNamespaces(namespaces);
        return this;
    }

    public MigrationSinkBuilder setMaxBatchDocuments(int documents) {
        options.maxBatchDocuments(documents);
        return this;
    }

    public MigrationSinkBuilder setMaxBatchBytes(long bytes) {
        options.maxBatchBytes(bytes);
        return this;
    }

    public MigrationSinkBuilder setMaxBufferedBytes(long bytes) {
        options.maxBufferedBytes(bytes);
        return this;
    }

    public MigrationSinkBuilder setMaxBatchDelay(Duration delay) {
        options.maxBatchDelay(delay);
        return this;
    }

    /** Batches per writer sent or queued and not yet acknowledged (1 = write and wait). */
    public MigrationSinkBuilder setMaxWritesInFlight(int batches) {
        options.maxWritesInFlight(batches);
        return this;
    }

    /** Documents per second for the whole sink, split evenly among its writers; 0 = no limit. */
    public MigrationSinkBuilder setMaxWriteRate(long documentsPerSecond) {
        options.maxWriteRate(documentsPerSecond);
        return this;
    }

    public MigrationSinkBuilder setBypassDocumentValidation(boolean bypass) {
        options.bypassDocumentValidation(bypass);
        return this;
    }

    /** The record keys of the job's shuffle and guard (collations of the source namespaces). */
    public MigrationSinkBuilder setRecordKeys(RecordKeys keys) {
        options.recordKeys(keys);
        return this;
    }

    public MigrationSinkBuilder setRetryPolicy(RetryPolicy retryPolicy) {
        options.retryPolicy(retryPolicy);
        return this;
    }

    /**
     * @throws IllegalArgumentException naming the invalid setting
     */
    public MigrationSink build() {
        return new MigrationSink(options.build());
    }
}
