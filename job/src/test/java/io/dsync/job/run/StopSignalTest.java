package io.dsync.job.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StopSignalTest {

    @Test
    void waitingEndsWhenTheJobEndsWithoutAStopRequest() {
        CompletableFuture<String> ended = new CompletableFuture<>();
        try (StopSignal stop = StopSignal.onInterrupt()) {
            CompletableFuture.runAsync(() -> ended.complete("FINISHED"));
            boolean requested =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(30), () -> stop.await(Duration.ofHours(1), ended));
            assertThat(requested).isFalse();
        }
    }

    @Test
    void aJobThatFailedEndsTheWaitToo() throws Exception {
        CompletableFuture<String> failed = new CompletableFuture<>();
        failed.completeExceptionally(new CompletionException(new IllegalStateException("boom")));
        try (StopSignal stop = StopSignal.onInterrupt()) {
            assertThat(stop.await(Duration.ofHours(1), failed)).isFalse();
        }
    }

    @Test
    void aTickWithNothingHappeningIsNotAStopRequest() throws Exception {
        try (StopSignal stop = StopSignal.onInterrupt()) {
            assertThat(stop.await(Duration.ofMillis(20), new CompletableFuture<>())).isFalse();
        }
    }
}
