package io.dsync.job.run;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Catches Ctrl-C (SIGINT) and SIGTERM so that a local run can stop its job with a savepoint before
 * the JVM shuts down (a shutdown hook would race with Flink's own). A second Ctrl-C exits at once.
 */
public final class StopSignal implements AutoCloseable {

    private final CompletableFuture<Void> requested = new CompletableFuture<>();
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private StopSignal() {
        SignalHandler handler =
                signal -> {
                    if (requested.isDone()) {
                        System.err.println("dsync: stopping now, without a savepoint");
                        Runtime.getRuntime().halt(130);
                    }
                    requested.complete(null);
                };
        previousInt = Signal.handle(new Signal("INT"), handler);
        previousTerm = Signal.handle(new Signal("TERM"), handler);
    }

    public static StopSignal onInterrupt() {
        return new StopSignal();
    }

    /** Waits up to {@code timeout}; true when a stop was requested. */
    public boolean await(Duration timeout) throws InterruptedException {
        return await(timeout, new CompletableFuture<>());
    }

    /**
     * Waits up to {@code timeout}, or less when {@code orUntil} completes first (the job ended);
     * true when a stop was requested.
     */
    public boolean await(Duration timeout, CompletableFuture<?> orUntil)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(requested, orUntil)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the job's end (successful or not) is looked at by the caller; a timeout is a tick
        }
        return requested.isDone();
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
