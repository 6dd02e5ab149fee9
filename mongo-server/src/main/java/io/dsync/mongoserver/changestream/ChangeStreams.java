package io.dsync.mongoserver.changestream;

import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.DocumentLookup;
import io.dsync.mongoserver.LogicalClock;
import io.dsync.mongoserver.WriteListener;

/**
 * Change streams for the embedded server: a bounded oplog fed by {@link #writeListener()} and the
 * {@code aggregate}/{@code getMore}/{@code killCursors} commands of change-stream cursors, answered
 * by {@link #commands()}.
 *
 * <p>Behaviour follows MongoDB 7.0 ("Change Streams", "Change Events", "Resume a Change Stream" and
 * "$changeStream (aggregation)" in the MongoDB manual): collection, database and whole-deployment
 * streams; resumeAfter, startAfter, startAtOperationTime; fullDocument updateLookup;
 * postBatchResumeToken on every batch; awaiting getMore; ChangeStreamHistoryLost (286) for resume
 * points older than the retained oplog; BSONObjectTooLarge (10334) for events over the size limit
 * and {@code $changeStreamSplitLargeEvent} ({@link LargeEventSplitter}).
 */
public final class ChangeStreams {

    /** Default number of oplog entries kept; older resume points give ChangeStreamHistoryLost. */
    public static final int DEFAULT_RETAINED_ENTRIES = 1_000_000;

    private final Oplog oplog;
    private final OplogWriteListener writeListener;
    private final ChangeStreamCommands commands;
    private final ShardKeys shardKeys;

    /**
     * @param clock the server's cluster time; this oplog ticks it once per stored change
     * @param retainedEntries how many oplog entries are kept (at least 1)
     * @param lookup current documents, for {@code fullDocument: "updateLookup"}
     */
    public ChangeStreams(LogicalClock clock, int retainedEntries, DocumentLookup lookup) {
        this(clock, retainedEntries, lookup, ShardKeys.MoveOrder.DELETE_FIRST, true);
    }

    /**
     * @param moveOrder the order of the delete and insert a shard-key change reports ({@link
     *     ShardKeys})
     * @param splitStageKnown whether {@code $changeStreamSplitLargeEvent} is known (MongoDB 7.0 and
     *     6.0.9+); false imitates older servers, which refuse it as an unrecognized stage
     */
    public ChangeStreams(
            LogicalClock clock,
            int retainedEntries,
            DocumentLookup lookup,
            ShardKeys.MoveOrder moveOrder,
            boolean splitStageKnown) {
        if (clock == null || lookup == null) {
            throw new IllegalArgumentException("change streams need a clock and a document lookup");
        }
        this.oplog = new Oplog(clock, retainedEntries);
        this.shardKeys = new ShardKeys(moveOrder);
        this.writeListener = new OplogWriteListener(oplog, shardKeys);
        this.commands = new ChangeStreamCommands(oplog, lookup, splitStageKnown);
    }

    public WriteListener writeListener() {
        return writeListener;
    }

    /** Writes a no-op to the oplog (see {@link io.dsync.mongoserver.topology.IdleNoopWriter}). */
    public void writeNoop() {
        oplog.appendNoop();
    }

    public CommandInterceptor commands() {
        return commands;
    }

    /** The {@code shardCollection} command, whose shard keys shape the change events. */
    public CommandInterceptor shardKeys() {
        return shardKeys;
    }
}
