package io.dsync.job.migrate;

import io.dsync.connectors.record.ChangeRecord;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A probe for the migration job that slows records of one kind down and fails the job once, after a
 * number of them (the failure injection of the failover tests). State is static: the job runs in
 * this JVM, and a restarted task must not fail again.
 */
final class FailOnce implements MapFunction<ChangeRecord, ChangeRecord> {

    private static final long serialVersionUID = 1L;

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong SEEN = new AtomicLong();

    private final boolean snapshot;
    private final long failAfter;
    private final long sleepMillis;

    private FailOnce(boolean snapshot, long failAfter, long sleepMillis) {
        this.snapshot = snapshot;
        this.failAfter = failAfter;
        this.sleepMillis = sleepMillis;
    }

    /** Fails once after {@code n} snapshot records, sleeping {@code sleepMillis} on each. */
    static FailOnce afterSnapshotRecords(long n, long sleepMillis) {
        reset();
        return new FailOnce(true, n, sleepMillis);
    }

    /** Fails once after {@code n} change events. */
    static FailOnce afterChangeEvents(long n) {
        reset();
        return new FailOnce(false, n, 0);
    }

    /** Never fails; slows snapshot records down by {@code sleepMillis} each. */
    static FailOnce slowSnapshot(long sleepMillis) {
        reset();
        return new FailOnce(true, Long.MAX_VALUE, sleepMillis);
    }

    private static void reset() {
        FAILED.set(false);
        SEEN.set(0);
    }

    @Override
    public ChangeRecord map(ChangeRecord record) throws Exception {
        boolean counted =
                snapshot
                        ? record.kind() == ChangeRecord.Kind.SNAPSHOT
                        : record.kind().isChangeEvent();
        if (counted) {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            if (SEEN.incrementAndGet() >= failAfter && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + failAfter + " records");
            }
        }
        return record;
    }
}
