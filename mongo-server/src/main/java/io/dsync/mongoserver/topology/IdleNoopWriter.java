package io.dsync.mongoserver.topology;

import io.dsync.mongoserver.LogicalClock;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.BsonTimestamp;

/**
 * Writes a no-op when no write happened during an interval, as a replica-set primary writes a no-op
 * oplog entry every 10 seconds when idle, so that cluster time and change streams' resume points
 * keep advancing. See the MongoDB manual, "Change Streams" (postBatchResumeToken) and the server
 * parameter {@code periodicNoopIntervalSecs}.
 */
public final class IdleNoopWriter implements AutoCloseable {

    private final LogicalClock clock;
    private final Runnable noop;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private BsonTimestamp lastSeen;

    public IdleNoopWriter(LogicalClock clock, Runnable noop, Duration interval) {
        this.clock = clock;
        this.noop = noop;
        this.interval = interval;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        lastSeen = clock.current();
        scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        new DefaultThreadFactory("dsync-mongo-noop", true));
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleAtFixedRate(this::writeIfIdle, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void writeIfIdle() {
        if (clock.current().equals(lastSeen)) {
            noop.run();
        }
        lastSeen = clock.current();
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
