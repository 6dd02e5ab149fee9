package io.dsync.job.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Catches Ctrl-C (SIGINT) and SIGTERM so that a local run can stop its job with a savepoint before
 * the JVM shuts down (a shutdown hook would race with Flink's own). A second Ctrl-C exits at once.
 */
public final class StopSignal implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private StopSignal() {
        SignalHandler handler =
                signal -> {
                    if (requested.getCount() == 0) {
                        System.err.println("dsync: stopping now, without a savepoint");
                        Runtime.getRuntime().halt(130);
                    }
                    requested.countDown();
                };
        previousInt = Signal.handle(new Signal("INT"), handler);
        previousTerm = Signal.handle(new Signal("TERM"), handler);
    }

    public static StopSignal onInterrupt() {
        return new StopSignal();
    }

    /** Waits up to {@code timeout}; true when a stop was requested. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
