package io.dsync.connectors.source;

import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.DdlEvent;

/**
 * Holds the change stream at a DDL event until the DDL can be applied to the destination.
 *
 * <p>A DDL event (drop, rename, dropDatabase) must take effect on the destination after every
 * earlier event and before any later one, but the sink writes different documents in parallel. So
 * the change-stream fetcher stops at the DDL ({@link #close}) and hands it to the reader behind the
 * events it fetched before it. The reader asks the enumerator at once whether the namespace's copy
 * is complete ({@code DdlNotice}). The DDL's barrier is the first checkpoint taken after both the
 * answer and the emitter reaching the DDL ({@link #reached}, when every earlier event has been
 * emitted): its barrier follows every earlier event, so when it completes (aligned checkpoints)
 * they are all durable at the destination (the sink flushes before each barrier). Only then is the
 * DDL applied and the fetcher let go ({@link #open}), first advancing the split past the DDL. A
 * crash in between replays the DDL; the destination's journal of applied DDLs makes that a no-op.
 */
final class DdlGate {

    private DdlEvent pending;
    private ChangeStreamPosition pendingPosition;
    private boolean reached;
    private boolean noticeSent;
    private boolean approved;
    private long barrierCheckpoint = -1;
    private ChangeStreamPosition released;

    /** Fetcher thread: the stream reached {@code ddl}; fetch nothing more until opened. */
    synchronized void close(DdlEvent ddl, ChangeStreamPosition position) {
        this.pending = ddl;
        this.pendingPosition = position;
        this.reached = false;
        this.noticeSent = false;
        this.approved = false;
        this.barrierCheckpoint = -1;
    }

    synchronized boolean isClosed() {
        return pending != null;
    }

    /**
     * Reader thread: the emitter reached the DDL element, so every event fetched before the DDL has
     * been emitted.
     */
    synchronized void reached() {
        reached = pending != null;
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

    /**
     * Reader thread, at each checkpoint: the first checkpoint after approval and after the DDL was
     * {@link #reached} is the barrier.
     */
    synchronized void checkpointTaken(long checkpointId) {
        if (approved && reached && barrierCheckpoint < 0) {
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

    /** Reader thread: the position of the pending DDL event itself (its resume token). */
    synchronized ChangeStreamPosition pendingPosition() {
        return pendingPosition;
    }

    /** Reader thread: the DDL was applied; the fetcher continues after it. */
    synchronized void open() {
        released = pendingPosition;
        pending = null;
        pendingPosition = null;
        reached = false;
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
