package io.dsync.benchmarks;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one {@code benchmarks/run} invocation measures. Immutable and validated; build with {@link
 * #builder()}; defaults live in the {@code DEFAULT_*} constants.
 */
public final class SuiteOptions {

    public static final long DEFAULT_DOCUMENTS = 1_000_000;
    public static final int DEFAULT_DOCUMENT_SIZE = 1024;
    public static final int COLLECTIONS = 10;

    private final long documents;
    private final int documentSize;
    private final Set<Scenario> scenarios;
    private final int parallelism;
    private final boolean profile;
    private final Path root;
    private final Path workDir;
    private final Path resultsDir;

    private SuiteOptions(Builder b) {
        if (b.documents < 1000) {
            throw new IllegalArgumentException("--docs must be at least 1000, got " + b.documents);
        }
        if (b.documentSize < 128 || b.documentSize > 4 * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "--doc-size must be between 128 and 4194304 bytes, got " + b.documentSize);
        }
        if (b.parallelism < 1) {
            throw new IllegalArgumentException(
                    "--parallelism must be at least 1, got " + b.parallelism);
        }
        if (b.scenarios.isEmpty()) {
            throw new IllegalArgumentException("no scenario selected");
        }
        this.documents = b.documents;
        this.documentSize = b.documentSize;
        this.scenarios = Set.copyOf(b.scenarios);
        this.parallelism = b.parallelism;
        this.profile = b.profile;
        this.root = Objects.requireNonNull(b.root, "root").toAbsolutePath();
        this.workDir = Objects.requireNonNull(b.workDir, "workDir").toAbsolutePath();
        this.resultsDir = Objects.requireNonNull(b.resultsDir, "resultsDir").toAbsolutePath();
    }

    public static Builder builder() {
        return new Builder();
    }

    public long documents() {
        return documents;
    }

    public int documentSize() {
        return documentSize;
    }

    public boolean runs(Scenario scenario) {
        return scenarios.contains(scenario);
    }

    /** dsync's parallelism (default: the number of cores). */
    public int parallelism() {
        return parallelism;
    }

    /** Whether dsync job processes run with a flight recording (top frames in the results). */
    public boolean profile() {
        return profile;
    }

    /** The repository root, where {@code ./dsync} is. */
    public Path root() {
        return root;
    }

    /** Scratch space: server and job logs, checkpoints, recordings. */
    public Path workDir() {
        return workDir;
    }

    public Path resultsDir() {
        return resultsDir;
    }

    /** The scenarios {@code --scenario} can name. */
    public enum Scenario {
        COPY,
        CDC,
        VERIFY,
        SCALING,
        JMH;

        /** {@code copy|cdc|verify|scaling|jmh|all} → the scenarios it stands for. */
        public static Set<Scenario> parse(String name) {
            if (name.equalsIgnoreCase("all")) {
                return EnumSet.allOf(Scenario.class);
            }
            for (Scenario scenario : values()) {
                if (scenario.name().equalsIgnoreCase(name)) {
                    return EnumSet.of(scenario);
                }
            }
            throw new IllegalArgumentException(
                    "unknown scenario '" + name + "': use copy, cdc, verify, scaling, jmh or all");
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private long documents = DEFAULT_DOCUMENTS;
        private int documentSize = DEFAULT_DOCUMENT_SIZE;
        private Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private boolean profile = true;
        private Path root = Path.of(".");
        private Path workDir = Path.of("benchmarks/target/work");
        private Path resultsDir = Path.of("benchmarks/results");

        private Builder() {}

        public Builder documents(long documents) {
            this.documents = documents;
            return this;
        }

        public Builder documentSize(int documentSize) {
            this.documentSize = documentSize;
            return this;
        }

        public Builder scenarios(Set<Scenario> scenarios) {
            this.scenarios = EnumSet.copyOf(scenarios);
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder profile(boolean profile) {
            this.profile = profile;
            return this;
        }

        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder resultsDir(Path resultsDir) {
            this.resultsDir = resultsDir;
            return this;
        }

        public SuiteOptions build() {
            return new SuiteOptions(this);
        }
    }
}
