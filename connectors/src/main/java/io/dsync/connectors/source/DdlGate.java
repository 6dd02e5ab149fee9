package io.dsync.connectors.source;

import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.DdlEvent;

/**
 * Holds the change stream at a DDL event until the DDL can be applied to the destination.
 *
 * <p>A DDL event (drop, rename, dropDatabase) must take effect on the destination after every
 * earlier event and before any later one, but the sink writes different documents in parallel. So
 * the change-stream fetcher stops at the DDL ({@link #close}); the reader asks the enumerator
 * whether the namespace's copy is complete ({@code DdlNotice}), then waits for the first checkpoint
 * taken after that: when it completes, every earlier record is durable at the destination (the sink
 * flushes before each checkpoint barrier). Only then is the DDL applied and the fetcher let go
 * ({@link #open}), first advancing the split past the DDL. A crash in between replays the DDL,
 * which is idempotent.
 */
final class DdlGate {

    private DdlEvent pending;
    private ChangeStreamPosition pendingPosition;
    private boolean noticeSent;
    private boolean approved;
    private long barrierCheckpoint = -1;
    private ChangeStreamPosition released;

    /** Fetcher thread: the stream reached {@code ddl}; fetch nothing more until opened. */
    synchronized void close(DdlEvent ddl, ChangeStreamPosition position) {
        this.pending = ddl;
        this.pendingPosition = position;
        this.noticeSent = false;
        this.approved = false;
        this.barrierCheckpoint = -1;
    }

    synchronized boolean isClosed() {
        return pending != null;
    }

    /** Reader thread: the DDL to ask the enumerator about, once. */
    synchronized DdlEvent takeNotice() {
        if (pending == null || noticeSent) {
            return null;
        }
        noticeSent = true;
        return pending;
    }

    synchronized void approve() {
        approved = true;
    }

    /** Reader thread, at each checkpoint: the first checkpoint after approval is the barrier. */
    synchronized void checkpointTaken(long checkpointId) {
        if (approved && barrierCheckpoint < 0) {
            barrierCheckpoint = checkpointId;
        }
    }

    /** Reader thread: the DDL that may be applied now that {@code checkpointId} completed. */
    synchronized DdlEvent readyToApply(long checkpointId) {
        if (pending != null
                && approved
                && barrierCheckpoint >= 0
                && checkpointId >= barrierCheckpoint) {
            return pending;
        }
        return null;
    }

    /** Reader thread: the DDL was applied; the fetcher continues after it. */
    synchronized void open() {
        released = pendingPosition;
        pending = null;
        pendingPosition = null;
        approved = false;
        barrierCheckpoint = -1;
        notifyAll();
    }

    /** Fetcher thread: the position past an applied DDL, to hand to the split state, once. */
    synchronized ChangeStreamPosition takeReleasedPosition() {
        ChangeStreamPosition position = released;
        released = null;
        return position;
    }

    /** Fetcher thread: waits a little while the gate is closed. */
    synchronized void awaitOpen(long millis) throws InterruptedException {
        if (pending != null) {
            wait(millis);
        }
    }
}
