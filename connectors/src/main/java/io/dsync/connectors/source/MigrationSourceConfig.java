package io.dsync.connectors.source;

import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.source.changestream.ChangeFeedFactory;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.snapshot.IdRangeSplitterFactory;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable, validated settings of the {@link MigrationSource}; built with {@link #builder()}.
 * Defaults live here and only here.
 */
public final class MigrationSourceConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_TARGET_RANGE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_SNAPSHOT_BATCH_SIZE = 1000;
    public static final int DEFAULT_STREAM_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_MAX_AWAIT = Duration.ofMillis(500);

    private final String sourceUri;
    private final String destinationUri;
    private final NamespaceFilter filter;
    private final NamespaceMapping mapping;
    private final boolean copySnapshot;
    private final boolean followChanges;
    private final ChangeStreamPosition startPosition;
    private final IndexCopyMode indexCopyMode;
    private final long targetRangeBytes;
    private final int snapshotBatchSize;
    private final int streamBatchSize;
    private final Duration maxAwait;
    private final ChangeFeedFactory changeFeed;
    private final IdRangeSplitterFactory splitter;

    private MigrationSourceConfig(Builder b) {
        this.sourceUri = require(b.sourceUri, "source connection string");
        this.destinationUri = require(b.destinationUri, "destination connection string");
        this.filter = Objects.requireNonNull(b.filter, "namespace filter");
        this.mapping = Objects.requireNonNull(b.mapping, "namespace mapping");
        this.copySnapshot = b.copySnapshot;
        this.followChanges = b.followChanges;
        this.startPosition = b.startPosition;
        this.indexCopyMode = Objects.requireNonNull(b.indexCopyMode, "index copy mode");
        this.targetRangeBytes = b.targetRangeBytes;
        this.snapshotBatchSize = b.snapshotBatchSize;
        this.streamBatchSize = b.streamBatchSize;
        this.maxAwait = Objects.requireNonNull(b.maxAwait, "max await");
        this.changeFeed = Objects.requireNonNull(b.changeFeed, "change feed");
        this.splitter = Objects.requireNonNull(b.splitter, "splitter");
        if (!copySnapshot && !followChanges) {
            throw new IllegalArgumentException("the source must copy, follow changes, or both");
        }
        if (targetRangeBytes < 1024) {
            throw new IllegalArgumentException("target range size must be at least 1 KiB");
        }
        if (snapshotBatchSize < 1 || streamBatchSize < 1) {
            throw new IllegalArgumentException("batch sizes must be positive");
        }
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String sourceUri() {
        return sourceUri;
    }

    public String destinationUri() {
        return destinationUri;
    }

    public NamespaceFilter filter() {
        return filter;
    }

    public NamespaceMapping mapping() {
        return mapping;
    }

    public boolean copySnapshot() {
        return copySnapshot;
    }

    public boolean followChanges() {
        return followChanges;
    }

    /**
     * Where the change stream starts when there is no checkpointed position; {@code null} for a run
     * that must continue from a checkpoint or savepoint (it then refuses to start fresh, so the
     * start point taken before the copy is never recomputed).
     */
    public ChangeStreamPosition startPosition() {
        return startPosition;
    }

    public IndexCopyMode indexCopyMode() {
        return indexCopyMode;
    }

    public long targetRangeBytes() {
        return targetRangeBytes;
    }

    public int snapshotBatchSize() {
        return snapshotBatchSize;
    }

    public int streamBatchSize() {
        return streamBatchSize;
    }

    public Duration maxAwait() {
        return maxAwait;
    }

    /** Opens the change feed (default: the deployment-wide change stream). */
    public ChangeFeedFactory changeFeed() {
        return changeFeed;
    }

    /** Makes the splitter of collections into ranges (default: paging the _id index). */
    public IdRangeSplitterFactory splitter() {
        return splitter;
    }

    /** Builder of {@link MigrationSourceConfig}. */
    public static final class Builder {
        private String sourceUri;
        private String destinationUri;
        private NamespaceFilter filter;
        private NamespaceMapping mapping;
        private boolean copySnapshot = true;
        private boolean followChanges = true;
        private ChangeStreamPosition startPosition;
        private IndexCopyMode indexCopyMode = IndexCopyMode.AFTER_COPY;
        private long targetRangeBytes = DEFAULT_TARGET_RANGE_BYTES;
        private int snapshotBatchSize = DEFAULT_SNAPSHOT_BATCH_SIZE;
        private int streamBatchSize = DEFAULT_STREAM_BATCH_SIZE;
        private Duration maxAwait = DEFAULT_MAX_AWAIT;
        private ChangeFeedFactory changeFeed = ChangeFeedFactory.deployment();
        private IdRangeSplitterFactory splitter = IdRangeSplitterFactory.pagination();

        private Builder() {}

        public Builder changeFeed(ChangeFeedFactory changeFeed) {
            this.changeFeed = changeFeed;
            return this;
        }

        public Builder splitter(IdRangeSplitterFactory splitter) {
            this.splitter = splitter;
            return this;
        }

        public Builder sourceUri(String uri) {
            this.sourceUri = uri;
            return this;
        }

        public Builder destinationUri(String uri) {
            this.destinationUri = uri;
            return this;
        }

        public Builder filter(NamespaceFilter filter) {
            this.filter = filter;
            return this;
        }

        public Builder mapping(NamespaceMapping mapping) {
            this.mapping = mapping;
            return this;
        }

        public Builder copySnapshot(boolean copySnapshot) {
            this.copySnapshot = copySnapshot;
            return this;
        }

        public Builder followChanges(boolean followChanges) {
            this.followChanges = followChanges;
            return this;
        }

        public Builder startPosition(ChangeStreamPosition position) {
            this.startPosition = position;
            return this;
        }

        public Builder indexCopyMode(IndexCopyMode mode) {
            this.indexCopyMode = mode;
            return this;
        }

        public Builder targetRangeBytes(long bytes) {
            this.targetRangeBytes = bytes;
            return this;
        }

        public Builder snapshotBatchSize(int size) {
            this.snapshotBatchSize = size;
            return this;
        }

        public Builder streamBatchSize(int size) {
            this.streamBatchSize = size;
            return this;
        }

        public Builder maxAwait(Duration maxAwait) {
            this.maxAwait = maxAwait;
            return this;
        }

        public MigrationSourceConfig build() {
            return new MigrationSourceConfig(this);
        }
    }
}
