package io.dsync.verify;

import com.mongodb.ConnectionString;
import io.dsync.connectors.consistency.ContradictingUriOptions;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.source.snapshot.SplitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;

/**
 * Everything {@code dsync verify} needs, validated. Immutable; build with {@link #builder()}; every
 * default is defined here.
 */
public final class VerifyOptions {

    public static final CompareMode DEFAULT_COMPARE_MODE = CompareMode.RAW_BYTES;
    public static final int DEFAULT_MAX_REPORTED = 1_000;
    public static final Duration DEFAULT_RECHECK_DELAY = Duration.ofSeconds(5);
    public static final int DEFAULT_RECHECK_ROUNDS = 3;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private final String sourceUri;
    private final String destinationUri;
    private final List<String> includes;
    private final List<String> excludes;
    private final List<String> mapRules;
    private final NamespaceFilter filter;
    private final NamespaceMapping mapping;
    private final CompareMode compareMode;
    private final boolean quick;
    private final boolean recheck;
    private final Duration recheckDelay;
    private final int recheckRounds;
    private final int maxReported;
    private final Path reportFile;
    private final int parallelism;
    private final int documentsPerRange;
    private final long rangeBytes;
    private final int batchSize;
    private final Duration progressInterval;
    private final Configuration flinkConfiguration;

    private VerifyOptions(Builder b, NamespaceFilter filter, NamespaceMapping mapping) {
        this.sourceUri = b.sourceUri;
        this.destinationUri = b.destinationUri;
        this.includes = List.copyOf(b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.mapRules = List.copyOf(b.mapRules);
        this.filter = filter;
        this.mapping = mapping;
        this.compareMode = b.compareMode;
        this.quick = b.quick;
        this.recheck = b.recheck;
        this.recheckDelay = b.recheckDelay;
        this.recheckRounds = b.recheckRounds;
        this.maxReported = b.maxReported;
        this.reportFile = b.reportFile;
        this.parallelism = b.parallelism;
        this.documentsPerRange = b.documentsPerRange;
        this.rangeBytes = b.rangeBytes;
        this.batchSize = b.batchSize;
        this.progressInterval = b.progressInterval;
        this.flinkConfiguration = new Configuration(b.flinkConfiguration);
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

    public List<String> mapRules() {
        return mapRules;
    }

    /** The namespace selection built from the includes and excludes. */
    public NamespaceFilter filter() {
        return filter;
    }

    /** The source-to-destination mapping built from the map rules. */
    public NamespaceMapping mapping() {
        return mapping;
    }

    public CompareMode compareMode() {
        return compareMode;
    }

    /** Counts, indexes and options only; no document comparison. */
    public boolean quick() {
        return quick;
    }

    public boolean recheck() {
        return recheck;
    }

    public Duration recheckDelay() {
        return recheckDelay;
    }

    public int recheckRounds() {
        return recheckRounds;
    }

    /** How many document differences are listed at most (counts stay exact). */
    public int maxReported() {
        return maxReported;
    }

    /** Where the JSON-lines report goes, or {@code null} for none. */
    public Path reportFile() {
        return reportFile;
    }

    /** The Flink job's parallelism, or 0 for the environment's default. */
    public int parallelism() {
        return parallelism;
    }

    /** Documents per {@code _id} range, or 0 to derive it from the average document size. */
    public int documentsPerRange() {
        return documentsPerRange;
    }

    /** Target size of one {@code _id} range in bytes (used when documentsPerRange is 0). */
    public long rangeBytes() {
        return rangeBytes;
    }

    public int batchSize() {
        return batchSize;
    }

    /** How often progress is printed; zero for never. */
    public Duration progressInterval() {
        return progressInterval;
    }

    /** Flink settings for the job (a copy). */
    public Configuration flinkConfiguration() {
        return new Configuration(flinkConfiguration);
    }

    /** Builder for {@link VerifyOptions}. */
    public static final class Builder {
        private String sourceUri;
        private String destinationUri;
        private List<String> includes = new ArrayList<>();
        private List<String> excludes = new ArrayList<>();
        private List<String> mapRules = new ArrayList<>();
        private CompareMode compareMode = DEFAULT_COMPARE_MODE;
        private boolean quick;
        private boolean recheck;
        private Duration recheckDelay = DEFAULT_RECHECK_DELAY;
        private int recheckRounds = DEFAULT_RECHECK_ROUNDS;
        private int maxReported = DEFAULT_MAX_REPORTED;
        private Path reportFile;
        private int parallelism;
        private int documentsPerRange;
        private long rangeBytes = SplitOptions.DEFAULT_TARGET_RANGE_BYTES;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Configuration flinkConfiguration = new Configuration();

        private Builder() {}

        /** Required: the source connection string. */
        public Builder sourceUri(String uri) {
            this.sourceUri = uri;
            return this;
        }

        /** Required: the destination connection string. */
        public Builder destinationUri(String uri) {
            this.destinationUri = uri;
            return this;
        }

        /** {@code --include} entries (default: every database). */
        public Builder includes(List<String> entries) {
            this.includes = new ArrayList<>(Objects.requireNonNull(entries, "includes"));
            return this;
        }

        /** {@code --exclude} entries (default: none). */
        public Builder excludes(List<String> entries) {
            this.excludes = new ArrayList<>(Objects.requireNonNull(entries, "excludes"));
            return this;
        }

        /** {@code --map} rules (default: none, every namespace maps to itself). */
        public Builder mapRules(List<String> rules) {
            this.mapRules = new ArrayList<>(Objects.requireNonNull(rules, "mapRules"));
            return this;
        }

        /** {@code --compare} (default raw-bytes). */
        public Builder compareMode(CompareMode mode) {
            this.compareMode = Objects.requireNonNull(mode, "compareMode");
            return this;
        }

        /** {@code --quick} (default off). */
        public Builder quick(boolean quick) {
            this.quick = quick;
            return this;
        }

        /** {@code --recheck} (default off). */
        public Builder recheck(boolean recheck) {
            this.recheck = recheck;
            return this;
        }

        /** {@code --recheck-delay} (default 5s). */
        public Builder recheckDelay(Duration delay) {
            this.recheckDelay = Objects.requireNonNull(delay, "recheckDelay");
            return this;
        }

        /** {@code --recheck-rounds} (default 3). */
        public Builder recheckRounds(int rounds) {
            this.recheckRounds = rounds;
            return this;
        }

        /** {@code --max-reported} (default 1000). */
        public Builder maxReported(int max) {
            this.maxReported = max;
            return this;
        }

        /** {@code --report} (default none). */
        public Builder reportFile(Path file) {
            this.reportFile = file;
            return this;
        }

        /** {@code --parallelism} (default 0: the Flink environment's default). */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** A fixed number of documents per {@code _id} range (default 0: from --range-size). */
        public Builder documentsPerRange(int documents) {
            this.documentsPerRange = documents;
            return this;
        }

        /** {@code --range-size}: target bytes per {@code _id} range (default 64 MiB). */
        public Builder rangeBytes(long bytes) {
            this.rangeBytes = bytes;
            return this;
        }

        /** Documents per driver batch (default 1000). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** {@code --progress-interval} (default 5s; zero turns progress lines off). */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = Objects.requireNonNull(interval, "progressInterval");
            return this;
        }

        /** Flink settings for the job (default none). */
        public Builder flinkConfiguration(Configuration configuration) {
            this.flinkConfiguration = new Configuration(configuration);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the option that is wrong and what to do
         */
        public VerifyOptions build() {
            requireUri("--source", sourceUri);
            requireUri("--destination", destinationUri);
            requireForcedConsistency("source", sourceUri);
            requireForcedConsistency("destination", destinationUri);
            NamespaceFilter filter = NamespaceFilter.of(includes, excludes);
            NamespaceMapping mapping = NamespaceMapping.parse(mapRules);
            require(maxReported >= 0, "--max-reported must be 0 or more, not " + maxReported);
            require(
                    recheckRounds >= 1,
                    "--recheck-rounds must be at least 1, not " + recheckRounds);
            require(
                    !recheckDelay.isNegative(),
                    "--recheck-delay must not be negative: " + recheckDelay);
            require(
                    !(quick && recheck),
                    "--recheck has nothing to recheck with --quick (documents are not compared);"
                            + " drop one of them");
            require(parallelism >= 0, "--parallelism must be 0 (default) or more");
            require(documentsPerRange >= 0, "--documents-per-range must be 0 (derive) or more");
            require(rangeBytes > 0, "--range-size must be positive: " + rangeBytes);
            require(batchSize > 0, "the batch size must be positive");
            require(
                    !progressInterval.isNegative(),
                    "--progress-interval must not be negative: " + progressInterval);
            return new VerifyOptions(this, filter, mapping);
        }

        /**
         * Verify reads both sides as the migration does ({@link ForcedConsistency}): a stale
         * secondary could hide a difference or report one that is not there. A string the driver
         * cannot parse is reported when verify connects.
         */
        private static void requireForcedConsistency(String role, String uri) {
            ConnectionString connectionString;
            try {
                connectionString = new ConnectionString(uri);
            } catch (IllegalArgumentException unparsable) {
                return;
            }
            ContradictingUriOptions.find(role, connectionString, false)
                    .ifPresent(
                            message -> {
                                throw new IllegalArgumentException(message);
                            });
        }

        private static void requireUri(String flag, String uri) {
            require(uri != null && !uri.isBlank(), flag + " is required (a mongodb:// URI)");
            require(
                    uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://"),
                    flag + " must be a mongodb:// or mongodb+srv:// connection string");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
