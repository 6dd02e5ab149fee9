package io.dsync.connectors.source.cosmos;

import io.dsync.connectors.namespace.NamespaceMapping;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How deletes are emulated for a source whose change streams report none (Cosmos DB): where the
 * destination is, how its namespaces are named, how often a cycle runs and how many {@code _id}s
 * are compared per query. Immutable and validated.
 */
public final class DeletesEmulationSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private final String destinationUri;
    private final NamespaceMapping mapping;
    private final Duration interval;
    private final int batchSize;

    public DeletesEmulationSettings(
            String destinationUri, NamespaceMapping mapping, Duration interval, int batchSize) {
        this.destinationUri = Objects.requireNonNull(destinationUri, "destinationUri");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "the deletes emulation interval must be at least 100ms, was " + interval);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the deletes emulation batch size must be >= 1");
        }
        this.batchSize = batchSize;
    }

    public String destinationUri() {
        return destinationUri;
    }

    public NamespaceMapping mapping() {
        return mapping;
    }

    /** The pause between the end of one cycle and the start of the next. */
    public Duration interval() {
        return interval;
    }

    /** {@code _id}s compared per query. */
    public int batchSize() {
        return batchSize;
    }
}
