package io.dsync.mongoserver.changestream;

import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.DocumentLookup;
import io.dsync.mongoserver.LogicalClock;
import io.dsync.mongoserver.WriteListener;

/**
 * Change streams for the embedded server: a bounded oplog fed by {@link #writeListener()} and the
 * {@code aggregate}/{@code getMore}/{@code killCursors} commands of change-stream cursors, answered
 * by {@link #commands()}.
 */
public final class ChangeStreams {

    /** Default number of oplog entries kept; older resume points give ChangeStreamHistoryLost. */
    public static final int DEFAULT_RETAINED_ENTRIES = 1_000_000;

    public ChangeStreams(LogicalClock clock, int retainedEntries, DocumentLookup lookup) {
        throw new UnsupportedOperationException("change streams: being implemented");
    }

    public WriteListener writeListener() {
        throw new UnsupportedOperationException("change streams: being implemented");
    }

    public CommandInterceptor commands() {
        throw new UnsupportedOperationException("change streams: being implemented");
    }
}
