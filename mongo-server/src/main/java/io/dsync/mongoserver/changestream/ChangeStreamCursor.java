package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open change stream: where it is in the oplog, and how it turns the entries after that point
 * into batches of events ("Change Streams", MongoDB manual: "Open a Change Stream", "Resume a
 * Change Stream"; https://www.mongodb.com/docs/v7.0/changeStreams/).
 *
 * <p>The position is a sequence number in the {@link Oplog} (the next entry to look at) plus the
 * resume token that stands for everything seen so far: the token of the last event returned, or a
 * high-water mark at the cluster time the oplog was complete to when the stream last reached its
 * end. Resuming from that token delivers exactly the events after it; resuming from the token of a
 * fragment of a split event delivers the fragments after it, then the events after that event
 * ({@link LargeEventSplitter}).
 */
final class ChangeStreamCursor {

    /** What one batch holds and where the stream is after it. */
    record Batch(List<Document> events, Document postBatchResumeToken, boolean exhausted) {}

    /** MongoDB's limit on the documents of one reply batch (BSON user object size). */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    private static final int READ_CHUNK = 256;

    private final long id;
    private final ChangeStreamOptions options;
    private final Oplog oplog;
    private final ChangeEventFactory events;
    private final EventPipeline pipeline;

    private long nextSequence;
    private long positionTime;
    private Document resumeToken;
    private OplogEntry pendingInvalidate;

    /** The fragments of a split event not yet returned (the next batch starts with them). */
    private final ArrayDeque<Document> pendingFragments = new ArrayDeque<>();

    /** Fragments of the next event already returned before a resume from a fragment's token. */
    private int fragmentsSeen;

    private boolean exhausted;
    private volatile boolean killed;

    private ChangeStreamCursor(
            long id,
            ChangeStreamOptions options,
            Oplog oplog,
            ChangeEventFactory events,
            EventPipeline pipeline) {
        this.id = id;
        this.options = options;
        this.oplog = oplog;
        this.events = events;
        this.pipeline = pipeline;
    }

    /**
     * Opens a stream at the start point its options give: after a resume token, at an operation
     * time (inclusive), or now.
     */
    static ChangeStreamCursor open(
            long id,
            ChangeStreamOptions options,
            EventPipeline pipeline,
            Oplog oplog,
            ChangeEventFactory events) {
        ChangeStreamCursor cursor = new ChangeStreamCursor(id, options, oplog, events, pipeline);
        ResumeToken token =
                options.resumeAfter() != null ? options.resumeAfter() : options.startAfter();
        if (token != null) {
            cursor.startAfterToken(token, options.resumeAfter() != null);
        } else if (options.startAtOperationTime() != null) {
            cursor.startAfterTime(options.startAtOperationTime().getValue() - 1);
        } else {
            Oplog.Snapshot now = oplog.snapshot();
            cursor.nextSequence = now.endSequence();
            cursor.positionTime = now.highWaterMark();
            cursor.resumeToken = ResumeToken.highWaterMark(now.highWaterMark()).toDocument();
        }
        return cursor;
    }

    private void startAfterToken(ResumeToken token, boolean resumeAfter) {
        if (token.fromInvalidate() && resumeAfter) {
            // "Resume a Change Stream": resumeAfter cannot resume after an invalidate event,
            // startAfter can (it opens a new stream).
            throw ChangeStreamErrors.invalidResumeToken(
                    "Attempting to resume a change stream using 'resumeAfter' is not allowed from"
                            + " an invalidate notification.");
        }
        if (token.type() == ResumeToken.Type.EVENT) {
            // As MongoDB, the event the token names must still be in the oplog.
            OplogEntry entry = oplog.entryAt(token.clusterTime());
            if (entry == null) {
                throw oplog.retainsHistoryAfter(token.clusterTime() - 1)
                        ? ChangeStreamErrors.fatal(
                                "cannot resume stream; the resume token was not found. "
                                        + token.toDocument())
                        : ChangeStreamErrors.historyLost();
            }
            if (!token.fromInvalidate() && options.scope().invalidatedBy(entry)) {
                // Resuming after the event that invalidated the stream gives the invalidate.
                pendingInvalidate = entry;
            }
        }
        if (token.isFragment()) {
            // The event is generated again, split again, and its earlier fragments skipped.
            startAfterTime(token.clusterTime() - 1);
            fragmentsSeen = token.fragment();
        } else {
            startAfterTime(token.clusterTime());
        }
        resumeToken = token.toDocument();
    }

    private void startAfterTime(long time) {
        long sequence = oplog.sequenceAfter(time);
        if (sequence < 0) {
            throw ChangeStreamErrors.historyLost();
        }
        nextSequence = sequence;
        positionTime = time;
        resumeToken = ResumeToken.highWaterMark(time).toDocument();
    }

    long id() {
        return id;
    }

    ChangeStreamOptions options() {
        return options;
    }

    void kill() {
        killed = true;
    }

    /**
     * Returns the next events, at most {@code maxEvents} and about {@link #MAX_BATCH_BYTES}. When
     * none are available, waits up to {@code awaitMillis} for some (an awaitData getMore).
     */
    synchronized Batch nextBatch(int maxEvents, long awaitMillis) {
        if (exhausted) {
            return new Batch(List.of(), resumeToken, true);
        }
        List<Document> batch = new ArrayList<>();
        if (maxEvents <= 0) {
            return new Batch(batch, resumeToken, false);
        }
        long deadline = System.nanoTime() + awaitMillis * 1_000_000L;
        ByteBuf sizing = Unpooled.buffer();
        try {
            while (true) {
                if (killed) {
                    throw ChangeStreamErrors.cursorKilled(id);
                }
                scan(batch, maxEvents, sizing);
                long remaining = deadline - System.nanoTime();
                if (!batch.isEmpty() || exhausted || remaining <= 0) {
                    return new Batch(batch, resumeToken, exhausted);
                }
                try {
                    oplog.awaitEntry(nextSequence, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Batch(batch, resumeToken, exhausted);
                }
            }
        } finally {
            sizing.release();
        }
    }

    /** Adds events from the oplog to {@code batch} until it is full or the oplog's end. */
    private void scan(List<Document> batch, int maxEvents, ByteBuf sizing) {
        if (pendingInvalidate != null) {
            addInvalidate(batch, pendingInvalidate);
            return;
        }
        long[] batchBytes = {0};
        if (!drainFragments(batch, maxEvents, batchBytes, sizing)) {
            return;
        }
        Oplog.Snapshot snapshot = oplog.snapshot();
        List<OplogEntry> chunk = new ArrayList<>(READ_CHUNK);
        while (nextSequence < snapshot.endSequence()) {
            chunk.clear();
            int wanted = (int) Math.min(READ_CHUNK, snapshot.endSequence() - nextSequence);
            if (!oplog.read(nextSequence, wanted, chunk)) {
                throw ChangeStreamErrors.historyLost();
            }
            for (OplogEntry entry : chunk) {
                if (batch.size() >= maxEvents) {
                    return;
                }
                if (!options.scope().sees(entry)
                        || (entry.type().expanded() && !options.showExpandedEvents())) {
                    nextSequence++;
                    continue;
                }
                Optional<Document> event = pipeline.apply(events.event(entry));
                if (event.isPresent()) {
                    int size = LargeEventSplitter.encodedSize(event.get(), sizing);
                    List<Document> parts =
                            LargeEventSplitter.fit(
                                    event.get(),
                                    size,
                                    entry.clusterTime(),
                                    pipeline.splitsLargeEvents(),
                                    sizing);
                    if (parts.size() == 1) {
                        if (fragmentsSeen > 0) {
                            throw resumedIntoUnsplitEvent(entry);
                        }
                        if (!batch.isEmpty() && batchBytes[0] + size > MAX_BATCH_BYTES) {
                            return; // this entry starts the next batch
                        }
                        batchBytes[0] += size;
                        batch.add(event.get());
                        resumeToken = (Document) event.get().get("_id");
                    } else {
                        if (fragmentsSeen > parts.size()) {
                            throw resumedIntoUnsplitEvent(entry);
                        }
                        pendingFragments.addAll(parts.subList(fragmentsSeen, parts.size()));
                        fragmentsSeen = 0;
                    }
                    positionTime = entry.clusterTime();
                }
                fragmentsSeen = 0;
                nextSequence++;
                if (!drainFragments(batch, maxEvents, batchBytes, sizing)) {
                    return;
                }
                if (options.scope().invalidatedBy(entry)) {
                    if (batch.size() >= maxEvents) {
                        pendingInvalidate = entry;
                    } else {
                        addInvalidate(batch, entry);
                    }
                    return;
                }
            }
        }
        // The oplog's end: everything up to the snapshot's time has been seen.
        positionTime = Math.max(positionTime, snapshot.highWaterMark());
        resumeToken = ResumeToken.highWaterMark(positionTime).toDocument();
    }

    /**
     * The invalidate event ends the stream: MongoDB returns it after the user's stages, unfiltered,
     * and closes the cursor ("Change Events" → invalidate event).
     */
    private void addInvalidate(List<Document> batch, OplogEntry entry) {
        Document invalidate = events.invalidate(entry);
        batch.add(invalidate);
        resumeToken = (Document) invalidate.get("_id");
        pendingInvalidate = null;
        exhausted = true;
    }

    /**
     * Moves pending fragments into the batch while they fit; false when some remain (the batch is
     * full).
     */
    private boolean drainFragments(
            List<Document> batch, int maxEvents, long[] batchBytes, ByteBuf sizing) {
        while (!pendingFragments.isEmpty()) {
            Document fragment = pendingFragments.peekFirst();
            int size = LargeEventSplitter.encodedSize(fragment, sizing);
            if (batch.size() >= maxEvents
                    || (!batch.isEmpty() && batchBytes[0] + size > MAX_BATCH_BYTES)) {
                return false;
            }
            pendingFragments.removeFirst();
            batchBytes[0] += size;
            batch.add(fragment);
            resumeToken = (Document) fragment.get("_id");
        }
        return true;
    }

    /** MongoDB refuses to resume from a fragment's token when the event is no longer split. */
    private static RuntimeException resumedIntoUnsplitEvent(OplogEntry entry) {
        return ChangeStreamErrors.fatal(
                "Attempted to resume from a split event fragment, but the event in the resumed"
                        + " stream was not split the same way (cluster time "
                        + entry.clusterTime()
                        + ")");
    }
}
