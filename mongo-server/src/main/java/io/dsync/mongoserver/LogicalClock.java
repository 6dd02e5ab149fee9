package io.dsync.mongoserver;

import java.time.Clock;
import org.bson.BsonTimestamp;

/**
 * The server's one logical clock, as a MongoDB replica set's cluster time: a {@link BsonTimestamp}
 * of (seconds since the epoch, increment) that only moves forward.
 *
 * <p>Every write takes a new, strictly greater value with {@link #tick()}; the oplog records it as
 * the entry's {@code ts} and change events report it as {@code clusterTime}. Every reply carries
 * {@link #current()} as {@code operationTime} and in {@code $clusterTime}.
 */
public final class LogicalClock {

    private final Clock wallClock;
    private long last; // seconds << 32 | increment

    public LogicalClock() {
        this(Clock.systemUTC());
    }

    public LogicalClock(Clock wallClock) {
        this.wallClock = wallClock;
        this.last = ((wallClock.millis() / 1000) << 32);
    }

    /** Returns a new cluster time, strictly greater than every earlier one. */
    public synchronized BsonTimestamp tick() {
        long seconds = wallClock.millis() / 1000;
        long lastSeconds = last >>> 32;
        if (seconds > lastSeconds) {
            last = (seconds << 32) | 1L;
        } else {
            last = last + 1;
        }
        return new BsonTimestamp(last);
    }

    /** Returns the latest cluster time handed out (the time of the last write). */
    public synchronized BsonTimestamp current() {
        return new BsonTimestamp(last);
    }
}
