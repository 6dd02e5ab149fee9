package io.dsync.connectors.source.changestream;

import java.time.Duration;

/**
 * How the change stream is read. Immutable; build with {@link #builder()}; every default is defined
 * here.
 */
public final class ChangeStreamOptions {

    public static final int DEFAULT_BATCH_SIZE = 1_000;
    public static final Duration DEFAULT_MAX_AWAIT_TIME = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_REOPEN_ATTEMPTS = 8;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

    private final int batchSize;
    private final Duration maxAwaitTime;
    private final int maxReopenAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private ChangeStreamOptions(Builder b) {
        this.batchSize = b.batchSize;
        this.maxAwaitTime = b.maxAwaitTime;
        this.maxReopenAttempts = b.maxReopenAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
    }

    public static ChangeStreamOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Events per driver batch (and at most per poll, plus one heartbeat). */
    public int batchSize() {
        return batchSize;
    }

    /** How long the server waits for events before answering a getMore with an empty batch. */
    public Duration maxAwaitTime() {
        return maxAwaitTime;
    }

    /** Transient failures in a row after which the reader gives up and throws. */
    public int maxReopenAttempts() {
        return maxReopenAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The pause before reopen attempt {@code attempt} (1-based): doubling, capped. */
    public Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** Builder for {@link ChangeStreamOptions}. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration maxAwaitTime = DEFAULT_MAX_AWAIT_TIME;
        private int maxReopenAttempts = DEFAULT_MAX_REOPEN_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

        private Builder() {}

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder maxAwaitTime(Duration maxAwaitTime) {
            this.maxAwaitTime = maxAwaitTime;
            return this;
        }

        public Builder maxReopenAttempts(int attempts) {
            this.maxReopenAttempts = attempts;
            return this;
        }

        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = backoff;
            return this;
        }

        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = backoff;
            return this;
        }

        public ChangeStreamOptions build() {
            require(batchSize > 0, "batchSize must be positive: " + batchSize);
            require(
                    maxAwaitTime != null && !maxAwaitTime.isNegative() && !maxAwaitTime.isZero(),
                    "maxAwaitTime must be positive: " + maxAwaitTime);
            require(maxReopenAttempts >= 0, "maxReopenAttempts must be >= 0: " + maxReopenAttempts);
            require(
                    initialBackoff != null && !initialBackoff.isNegative(),
                    "initialBackoff must be >= 0: " + initialBackoff);
            require(
                    maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                    "maxBackoff must be >= initialBackoff: " + maxBackoff);
            return new ChangeStreamOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
