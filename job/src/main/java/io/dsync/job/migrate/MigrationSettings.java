package io.dsync.job.migrate;

import io.dsync.connectors.flavor.Flavor;
import io.dsync.connectors.source.IndexCopyMode;
import io.dsync.connectors.source.MigrationSourceConfig;
import io.dsync.connectors.source.cosmos.DeletesEmulationSettings;
import io.dsync.connectors.source.cosmos.PerCollectionFeedFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@code dsync migrate} run was asked to do, immutable and validated; built by {@link
 * #builder()}. The defaults of the command's options live here.
 */
public final class MigrationSettings {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(3);

    /**
     * The checkpoint interval with {@code --mode initial-sync}: after the copy, a checkpoint only
     * proves the last collections durable before their indexes are built and the job ends, and
     * costs nearly nothing, so it comes sooner.
     */
    public static final Duration DEFAULT_INITIAL_SYNC_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    public static final Duration DEFAULT_COPY_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final Path DEFAULT_STATE_DIR = Path.of("dsync-state");
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(10);

    private final String sourceUri;
    private final String destinationUri;
    private final List<String> includes;
    private final List<String> excludes;
    private final List<String> maps;
    private final Mode mode;
    private final String startAt;
    private final IndexCopyMode indexCopyMode;
    private final int parallelism;
    private final Duration checkpointInterval;
    private final Duration copyCheckpointInterval;
    private final String checkpointDir;
    private final String savepointDir;
    private final boolean resume;
    private final Path fromSavepoint;
    private final boolean allowNonEmptyDestination;
    private final long writeRateLimit;
    private final Duration statusInterval;
    private final Integer webUiPort;
    private final long rangeBytes;
    // Flavors (Cosmos DB, DocumentDB): see FlavorPlan.
    private final Flavor sourceFlavor;
    private final Flavor destinationFlavor;
    private final int maxOpenStreams;
    private final boolean cosmosDeletesEmulation;
    private final Duration deletesInterval;

    private MigrationSettings(Builder b) {
        this.sourceUri = Objects.requireNonNull(b.sourceUri, "--source is required");
        this.destinationUri = Objects.requireNonNull(b.destinationUri, "--destination is required");
        this.includes = List.copyOf(b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.maps = List.copyOf(b.maps);
        this.mode = b.mode;
        this.startAt = b.startAt;
        this.indexCopyMode = b.indexCopyMode;
        this.parallelism = b.parallelism;
        this.checkpointInterval =
                b.checkpointInterval != null
                        ? b.checkpointInterval
                        : (b.mode == Mode.INITIAL_SYNC
                                ? DEFAULT_INITIAL_SYNC_CHECKPOINT_INTERVAL
                                : DEFAULT_CHECKPOINT_INTERVAL);
        this.copyCheckpointInterval = b.copyCheckpointInterval;
        this.checkpointDir = b.checkpointDir;
        this.savepointDir = b.savepointDir;
        this.resume = b.resume;
        this.fromSavepoint = b.fromSavepoint;
        this.allowNonEmptyDestination = b.allowNonEmptyDestination;
        this.writeRateLimit = b.writeRateLimit;
        this.statusInterval = b.statusInterval;
        this.webUiPort = b.webUiPort;
        this.rangeBytes = b.rangeBytes;
        this.sourceFlavor = b.sourceFlavor;
        this.destinationFlavor = b.destinationFlavor;
        this.maxOpenStreams = b.maxOpenStreams;
        this.cosmosDeletesEmulation = b.cosmosDeletesEmulation;
        this.deletesInterval = Objects.requireNonNull(b.deletesInterval, "--deletes-interval");
        if (maxOpenStreams < 1) {
            throw new IllegalArgumentException("--max-open-streams must be at least 1");
        }
        if (deletesInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("--deletes-interval must be at least 100ms");
        }
        if (rangeBytes < 1024) {
            throw new IllegalArgumentException("--range-size must be at least 1024 bytes");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        if (checkpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 100ms");
        }
        if (copyCheckpointInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("--copy-checkpoint-interval must be at least 100ms");
        }
        if (writeRateLimit < 0) {
            throw new IllegalArgumentException("--write-rate-limit must not be negative");
        }
        if (startAt != null && mode != Mode.CDC) {
            throw new IllegalArgumentException("--start-at only goes with --mode cdc");
        }
        if (resume && fromSavepoint != null) {
            throw new IllegalArgumentException(
                    "give either --resume or --from-savepoint, not both");
        }
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

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    public List<String> maps() {
        return maps;
    }

    public Mode mode() {
        return mode;
    }

    /** A cluster time ({@code seconds[:increment]}) or resume token (JSON) for cdc mode. */
    public String startAt() {
        return startAt;
    }

    public IndexCopyMode indexCopyMode() {
        return indexCopyMode;
    }

    public int parallelism() {
        return parallelism;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** The checkpoint interval while the initial copy still has ranges to read. */
    public Duration copyCheckpointInterval() {
        return copyCheckpointInterval;
    }

    /** Where checkpoints go; {@code null}: ./dsync-state/checkpoints locally, the cluster's own. */
    public String checkpointDir() {
        return checkpointDir;
    }

    public String savepointDir() {
        return savepointDir;
    }

    public boolean resume() {
        return resume;
    }

    public Path fromSavepoint() {
        return fromSavepoint;
    }

    /** Whether this run continues an earlier one (from a checkpoint or savepoint). */
    public boolean continuesEarlierRun() {
        return resume || fromSavepoint != null;
    }

    public boolean allowNonEmptyDestination() {
        return allowNonEmptyDestination;
    }

    public long writeRateLimit() {
        return writeRateLimit;
    }

    public Duration statusInterval() {
        return statusInterval;
    }

    /** Target size of one {@code _id} range of the initial copy, in bytes. */
    public long rangeBytes() {
        return rangeBytes;
    }

    /** The port of the local web dashboard, or {@code null} for none. */
    public Integer webUiPort() {
        return webUiPort;
    }

    /** The source's flavor as given ({@code --source-flavor}); null: detect it. */
    public Flavor sourceFlavor() {
        return sourceFlavor;
    }

    /** The destination's flavor as given ({@code --destination-flavor}); null: detect it. */
    public Flavor destinationFlavor() {
        return destinationFlavor;
    }

    /** Per-collection change streams open at once (Cosmos DB and DocumentDB sources). */
    public int maxOpenStreams() {
        return maxOpenStreams;
    }

    /** Whether deletes at a Cosmos DB source are found by comparing (it reports none). */
    public boolean cosmosDeletesEmulation() {
        return cosmosDeletesEmulation;
    }

    /** The pause between two deletes emulation cycles. */
    public Duration deletesInterval() {
        return deletesInterval;
    }

    /** Builder of {@link MigrationSettings}; every option starts at its documented default. */
    public static final class Builder {
        private String sourceUri;
        private String destinationUri;
        private List<String> includes = List.of();
        private List<String> excludes = List.of();
        private List<String> maps = List.of();
        private Mode mode = Mode.FULL;
        private String startAt;
        private IndexCopyMode indexCopyMode = IndexCopyMode.AFTER_COPY;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private Duration checkpointInterval; // null: the mode's default
        private Duration copyCheckpointInterval = DEFAULT_COPY_CHECKPOINT_INTERVAL;
        private String checkpointDir;
        private String savepointDir;
        private boolean resume;
        private Path fromSavepoint;
        private boolean allowNonEmptyDestination;
        private long writeRateLimit;
        private Duration statusInterval = DEFAULT_STATUS_INTERVAL;
        private Integer webUiPort;
        private long rangeBytes = MigrationSourceConfig.DEFAULT_TARGET_RANGE_BYTES;
        private Flavor sourceFlavor;
        private Flavor destinationFlavor;
        private int maxOpenStreams = PerCollectionFeedFactory.DEFAULT_MAX_OPEN_STREAMS;
        private boolean cosmosDeletesEmulation;
        private Duration deletesInterval = DeletesEmulationSettings.DEFAULT_INTERVAL;

        private Builder() {}

        public Builder sourceFlavor(Flavor flavor) {
            this.sourceFlavor = flavor;
            return this;
        }

        public Builder destinationFlavor(Flavor flavor) {
            this.destinationFlavor = flavor;
            return this;
        }

        public Builder maxOpenStreams(int streams) {
            this.maxOpenStreams = streams;
            return this;
        }

        public Builder cosmosDeletesEmulation(boolean on) {
            this.cosmosDeletesEmulation = on;
            return this;
        }

        public Builder deletesInterval(Duration interval) {
            this.deletesInterval = interval;
            return this;
        }

        public Builder rangeBytes(long bytes) {
            this.rangeBytes = bytes;
            return this;
        }

        public Builder source(String uri) {
            this.sourceUri = uri;
            return this;
        }

        public Builder destination(String uri) {
            this.destinationUri = uri;
            return this;
        }

        public Builder includes(List<String> includes) {
            this.includes = includes;
            return this;
        }

        public Builder excludes(List<String> excludes) {
            this.excludes = excludes;
            return this;
        }

        public Builder maps(List<String> maps) {
            this.maps = maps;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder startAt(String startAt) {
            this.startAt = startAt;
            return this;
        }

        public Builder indexCopyMode(IndexCopyMode mode) {
            this.indexCopyMode = mode;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = interval;
            return this;
        }

        public Builder copyCheckpointInterval(Duration interval) {
            this.copyCheckpointInterval = interval;
            return this;
        }

        /** A local directory or a file system URI ({@code s3://bucket/dsync}). */
        public Builder checkpointDir(String location) {
            this.checkpointDir = location;
            return this;
        }

        public Builder checkpointDir(Path dir) {
            this.checkpointDir = dir.toString();
            return this;
        }

        /** A local directory or a file system URI. */
        public Builder savepointDir(String location) {
            this.savepointDir = location;
            return this;
        }

        public Builder savepointDir(Path dir) {
            this.savepointDir = dir.toString();
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder fromSavepoint(Path path) {
            this.fromSavepoint = path;
            return this;
        }

        public Builder allowNonEmptyDestination(boolean allow) {
            this.allowNonEmptyDestination = allow;
            return this;
        }

        public Builder writeRateLimit(long documentsPerSecond) {
            this.writeRateLimit = documentsPerSecond;
            return this;
        }

        public Builder statusInterval(Duration interval) {
            this.statusInterval = interval;
            return this;
        }

        public Builder webUiPort(Integer port) {
            this.webUiPort = port;
            return this;
        }

        public MigrationSettings build() {
            return new MigrationSettings(this);
        }
    }
}
