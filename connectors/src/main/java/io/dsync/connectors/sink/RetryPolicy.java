package io.dsync.connectors.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the sink retries a write that failed with a transient error: at most
 * {@code maxAttempts} attempts in all, waiting {@code initialBackoff} before the first retry and
 * doubling the wait up to {@code maxBackoff}.
 */
public final class RetryPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    /**
     * @param maxAttempts attempts in all, including the first one (at least 1)
     * @param initialBackoff wait before the first retry (positive)
     * @param maxBackoff longest wait between two attempts (at least {@code initialBackoff})
     */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "retry max attempts must be at least 1 (1 = no retry), got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException(
                    "retry initial backoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "retry max backoff ("
                            + maxBackoff
                            + ") must not be shorter than the initial backoff ("
                            + initialBackoff
                            + ")");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry): {@code initialBackoff *
     * 2^(retry-1)}, capped at {@code maxBackoff}.
     */
    public Duration backoffBeforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        }
        int doublings = Math.min(retry - 1, 62);
        long initial = initialBackoff.toMillis();
        long millis =
                initial > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : initial << doublings;
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p
                && p.maxAttempts == maxAttempts
                && p.initialBackoff.equals(initialBackoff)
                && p.maxBackoff.equals(maxBackoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, maxBackoff);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts="
                + maxAttempts
                + ", initialBackoff="
                + initialBackoff
                + ", maxBackoff="
                + maxBackoff
                + "}";
    }
}
