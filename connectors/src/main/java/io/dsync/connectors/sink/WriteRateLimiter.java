package io.dsync.connectors.sink;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket limiting the documents per second one writer sends: it refills at the configured
 * rate and holds at most one second of tokens, so bursts stay within the limit over any second. A
 * request larger than the tokens at hand is granted at once and paid for by waiting until the
 * bucket is back at zero (so a batch bigger than the rate does not block forever).
 */
final class WriteRateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long documentsPerSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long lastRefillNanos;

    /**
     * @param documentsPerSecond the limit; 0 means no limit
     * @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()}
     */
    WriteRateLimiter(long documentsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (documentsPerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0, got " + documentsPerSecond);
        }
        this.documentsPerSecond = documentsPerSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = documentsPerSecond;
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    static WriteRateLimiter of(long documentsPerSecond) {
        return new WriteRateLimiter(documentsPerSecond, System::nanoTime, Sleeper.SYSTEM);
    }

    /**
     * Takes {@code documents} tokens, waiting as long as the limit requires.
     *
     * @return the milliseconds spent waiting
     */
    long acquire(int documents) throws InterruptedException {
        if (documentsPerSecond == 0 || documents <= 0) {
            return 0;
        }
        refill();
        tokens -= documents;
        if (tokens >= 0) {
            return 0;
        }
        long waitNanos = (long) Math.ceil(-tokens * NANOS_PER_SECOND / documentsPerSecond);
        sleeper.sleep(Duration.ofNanos(waitNanos));
        return Duration.ofNanos(waitNanos).toMillis();
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefillNanos;
        lastRefillNanos = now;
        tokens =
                Math.min(
                        documentsPerSecond,
                        tokens + (double) elapsed * documentsPerSecond / NANOS_PER_SECOND);
    }
}
