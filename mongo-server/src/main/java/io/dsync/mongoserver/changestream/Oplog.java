package io.dsync.mongoserver.changestream;

import io.dsync.mongoserver.LogicalClock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The retained oplog: a bounded ring of {@link OplogEntry}s addressed by a sequence number (the
 * n-th entry ever appended), in cluster-time order.
 *
 * <p>Appends are serialized and take their cluster time from {@link LogicalClock#tick()} inside
 * that serialization, so sequence order is cluster-time order. When more than {@code capacity}
 * entries are held, the oldest is dropped; resume points before it are then lost, as when MongoDB's
 * capped oplog rolls over ("Change Streams", MongoDB manual: "Resumability";
 * https://www.mongodb.com/docs/v7.0/changeStreams/#resume-a-change-stream).
 *
 * <p>Readers copy entries out in chunks under the lock and shape events outside it; a reader
 * continues from its own sequence number (no scan), and a resume point is found by binary search on
 * cluster time. Waiting readers sleep on a condition signalled by every append.
 */
final class Oplog {

    /** Builds the entry to append once its cluster time is known. */
    @FunctionalInterface
    interface EntryFactory {
        OplogEntry create(long clusterTime, long wallTimeMillis);
    }

    /** What a reader sees at one instant: the end of the oplog and the time it is complete to. */
    record Snapshot(long endSequence, long highWaterMark) {}

    private static final int INITIAL_RING_SIZE = 1024;

    private final LogicalClock clock;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();

    private OplogEntry[] ring;
    private int head; // ring index of the entry with sequence firstSequence
    private int size;
    private long firstSequence;

    /** Resuming "after time t" is possible exactly when t >= historyStart. */
    private long historyStart;

    Oplog(LogicalClock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "retained oplog entries must be at least 1, got " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
        this.ring = new OplogEntry[Math.min(capacity, INITIAL_RING_SIZE)];
        // The oplog begins now, as a replica set's oplog begins when the set is initiated: a
        // startAtOperationTime before this moment is history this server never had.
        this.historyStart = clock.current().getValue() - 1;
    }

    /** Appends one entry with a new cluster time and wakes waiting readers. */
    OplogEntry append(EntryFactory factory) {
        lock.lock();
        try {
            long clusterTime = clock.tick().getValue();
            OplogEntry entry = factory.create(clusterTime, System.currentTimeMillis());
            if (size == capacity) {
                OplogEntry evicted = ring[head];
                ring[head] = null;
                head = (head + 1) % ring.length;
                size--;
                firstSequence++;
                historyStart = evicted.clusterTime();
            } else if (size == ring.length) {
                grow();
            }
            ring[(head + size) % ring.length] = entry;
            size++;
            appended.signalAll();
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A primary's periodic no-op write: takes a new cluster time, as an entry would, without a
     * change to report; readers' high-water mark (and so {@code postBatchResumeToken}) advances.
     */
    void appendNoop() {
        lock.lock();
        try {
            clock.tick();
        } finally {
            lock.unlock();
        }
    }

    private void grow() {
        OplogEntry[] larger = new OplogEntry[(int) Math.min(capacity, 2L * ring.length)];
        for (int i = 0; i < size; i++) {
            larger[i] = ring[(head + i) % ring.length];
        }
        ring = larger;
        head = 0;
    }

    Snapshot snapshot() {
        lock.lock();
        try {
            // Read under the lock that appends tick in: every later entry gets a greater time.
            return new Snapshot(firstSequence + size, clock.current().getValue());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies up to {@code max} entries from {@code sequence} on into {@code out}.
     *
     * @return false when the entry at {@code sequence} is no longer retained (history lost)
     */
    boolean read(long sequence, int max, List<OplogEntry> out) {
        lock.lock();
        try {
            if (sequence < firstSequence) {
                return false;
            }
            long end = Math.min(firstSequence + size, sequence + max);
            for (long s = sequence; s < end; s++) {
                out.add(ring[index(s)]);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the sequence number of the first entry with a cluster time after {@code time}, or -1
     * when entries after that time are no longer retained.
     */
    long sequenceAfter(long time) {
        lock.lock();
        try {
            if (time < historyStart) {
                return -1;
            }
            long low = firstSequence;
            long high = firstSequence + size; // answer in [low, high]
            while (low < high) {
                long mid = (low + high) >>> 1;
                if (ring[index(mid)].clusterTime() > time) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the retained entry with exactly this cluster time, or null. */
    OplogEntry entryAt(long time) {
        lock.lock();
        try {
            long sequence = sequenceAfter(time - 1);
            if (sequence < 0 || sequence >= firstSequence + size) {
                return null;
            }
            OplogEntry entry = ring[index(sequence)];
            return entry.clusterTime() == time ? entry : null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether resuming after {@code time} is still possible. */
    boolean retainsHistoryAfter(long time) {
        lock.lock();
        try {
            return time >= historyStart;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until an entry with sequence number {@code sequence} exists, the time passes, or {@link
     * #wakeReaders()} is called.
     */
    void awaitEntry(long sequence, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            if (firstSequence + size <= sequence && timeoutNanos > 0) {
                appended.await(timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader (for example because its cursor was killed). */
    void wakeReaders() {
        lock.lock();
        try {
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int index(long sequence) {
        return (int) ((head + (sequence - firstSequence)) % ring.length);
    }
}
