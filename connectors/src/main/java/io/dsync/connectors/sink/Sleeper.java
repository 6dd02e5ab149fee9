package io.dsync.connectors.sink;

import java.time.Duration;

/** Waits; a seam so that rate limiting and backoff can be tested without real time passing. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM =
            duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
