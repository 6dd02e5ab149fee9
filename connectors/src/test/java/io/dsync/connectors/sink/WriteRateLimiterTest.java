package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRateLimiterTest {

    /** A clock that only moves when the limiter sleeps or the test advances it. */
    private static final class FakeTime implements Sleeper {
        long nanos;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            nanos += duration.toNanos();
        }
    }

    @Test
    void noLimitNeverWaits() throws Exception {
        FakeTime time = new FakeTime();
        WriteRateLimiter limiter = new WriteRateLimiter(0, () -> time.nanos, time);
        assertThat(limiter.acquire(1_000_000)).isZero();
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void aFullBucketGrantsOneSecondOfDocumentsAtOnceThenPaces() throws Exception {
        FakeTime time = new FakeTime();
        WriteRateLimiter limiter = new WriteRateLimiter(1000, () -> time.nanos, time);
        assertThat(limiter.acquire(1000)).isZero();
        assertThat(limiter.acquire(500)).isEqualTo(500);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(500));
        assertThat(limiter.acquire(250)).isEqualTo(250);
    }

    @Test
    void theBucketRefillsWithTimeButNotBeyondOneSecond() throws Exception {
        FakeTime time = new FakeTime();
        WriteRateLimiter limiter = new WriteRateLimiter(100, () -> time.nanos, time);
        limiter.acquire(100);
        time.nanos += Duration.ofSeconds(10).toNanos();
        assertThat(limiter.acquire(100)).isZero();
        assertThat(limiter.acquire(50)).isEqualTo(500);
    }

    @Test
    void aRequestBiggerThanTheRateIsPaidByWaiting() throws Exception {
        FakeTime time = new FakeTime();
        WriteRateLimiter limiter = new WriteRateLimiter(10, () -> time.nanos, time);
        assertThat(limiter.acquire(40)).isEqualTo(3000);
        // 4 seconds of documents were sent in 3 seconds: the bucket is at zero now.
        assertThat(limiter.acquire(10)).isEqualTo(1000);
    }
}
