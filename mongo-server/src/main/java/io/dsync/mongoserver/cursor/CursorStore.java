package io.dsync.mongoserver.cursor;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open query cursors of one server, by id. Ids are random positive 63-bit numbers, as
 * MongoDB's, so they do not collide with cursors other components hand out. Cursors idle longer
 * than the timeout are closed (MongoDB's {@code cursorTimeoutMillis}).
 */
public final class CursorStore {

    private static final long SWEEP_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

    private final Map<Long, ServerCursor> cursors = new ConcurrentHashMap<>();
    private final long timeoutNanos;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    public CursorStore(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Registers the cursor and returns its new id. */
    public long register(ServerCursor cursor) {
        sweepIfDue();
        while (true) {
            long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            if (cursors.putIfAbsent(id, cursor) == null) {
                cursor.assignId(id);
                return id;
            }
        }
    }

    public boolean contains(long id) {
        return cursors.containsKey(id);
    }

    /** The cursor, or MongoDB's CursorNotFound (43) error. */
    public ServerCursor get(long id) {
        ServerCursor cursor = cursors.get(id);
        if (cursor == null) {
            throw new MongoServerError(43, "CursorNotFound", "cursor id " + id + " not found");
        }
        return cursor;
    }

    public boolean remove(long id) {
        return cursors.remove(id) != null;
    }

    public int size() {
        return cursors.size();
    }

    private void sweepIfDue() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last > SWEEP_INTERVAL_NANOS && lastSweep.compareAndSet(last, now)) {
            cursors.values().removeIf(c -> now - c.lastUsedNanos() > timeoutNanos);
        }
    }
}
