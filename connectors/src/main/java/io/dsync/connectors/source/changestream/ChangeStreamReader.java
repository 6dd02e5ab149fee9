package io.dsync.connectors.source.changestream;

import com.mongodb.MongoException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.changestream.FullDocument;
import io.dsync.connectors.namespace.NamespaceFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the deployment-wide change stream ({@code client.watch(pipeline)}) from a {@link
 * ChangeStreamPosition}, for the selected namespaces, with {@code fullDocument: updateLookup}.
 *
 * <p>Events are read as raw documents, so document bytes are passed on unchanged. Each {@link
 * #poll()} returns the events of one driver batch and, when the stream's resume token moved past
 * them (the {@code postBatchResumeToken}), a final {@link ChangeStreamEvent.Type#HEARTBEAT}, so
 * that an idle stream still advances the checkpointed position.
 *
 * <p>Failures: a resume point that fell off the oplog gives {@link
 * ChangeStreamHistoryLostException}; transient failures (network, primary changes, errors labelled
 * {@code ResumableChangeStreamError}) reopen the stream from the last position returned, with
 * doubling back-off, up to {@link ChangeStreamOptions#maxReopenAttempts()} times in a row; others
 * propagate. See https://www.mongodb.com/docs/manual/changeStreams/
 *
 * <p>Oversized events (connectors/README.md, "Oversized change events"): the pipeline ends with
 * {@code $changeStreamSplitLargeEvent} and split events are reassembled ({@link
 * SplitEventAssembler}); a position never points between fragments. A server without the stage is
 * read without it, and once an event exceeds 16 MB (BSONObjectTooLarge) the stream is reopened from
 * the last position without {@code updateDescription}, which dsync does not use; an event still too
 * large is read alone without its document, which is looked up ({@link FullDocumentLookup}).
 *
 * <p>The client is given and not closed here. Not thread-safe.
 */
public final class ChangeStreamReader implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeStreamReader.class);

    private final MongoClient client;
    private final BsonDocument match;
    private final ChangeStreamOptions options;
    private final SplitEventAssembler fragments = new SplitEventAssembler();
    private ChangeStreamPosition position;
    private MongoChangeStreamCursor<RawBsonDocument> cursor;
    private boolean invalidated;

    /** Whether the server is still believed to know {@code $changeStreamSplitLargeEvent}. */
    private boolean splitStage = true;

    /** Whether events are read without {@code updateDescription} (after an oversized event). */
    private boolean withoutUpdateDescription;

    /** Whether the next event is read without its document, which is looked up (last resort). */
    private boolean lookUpNext;

    /**
     * @param client the source client, used and not closed
     * @param filter selects the namespaces whose events are read
     * @param start where to start: a token (events after it) or a time (events at and after it)
     * @param options batch size, await time, reopen attempts
     */
    public ChangeStreamReader(
            MongoClient client,
            NamespaceFilter filter,
            ChangeStreamPosition start,
            ChangeStreamOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.match = filter.changeStreamMatch();
        this.position = Objects.requireNonNull(start, "start");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The events of the next driver batch, ending with a heartbeat when the position moved past the
     * last event; an empty list when nothing happened within the await time.
     *
     * @throws ChangeStreamHistoryLostException when the position is no longer in the oplog
     * @throws IllegalStateException for an event of an unknown operation type, or after {@link
     *     ChangeStreamEvent.Type#INVALIDATE}
     */
    @Override
    public List<ChangeStreamEvent> poll() {
        if (invalidated) {
            throw new IllegalStateException(
                    "the change stream was invalidated at " + position + "; it cannot go on");
        }
        int failures = 0;
        while (true) {
            try {
                if (cursor == null) {
                    cursor = open();
                }
                return lookUpNext ? readWithLookup() : readBatch();
            } catch (MongoException e) {
                closeCursor();
                if (splitStage && ChangeStreamErrors.isSplitStageUnsupported(e)) {
                    splitStage = false;
                    LOG.info(
                            "The source does not know $changeStreamSplitLargeEvent ({}); reading"
                                    + " change events unsplit",
                            e.getMessage());
                    continue;
                }
                if (withoutUpdateDescription
                        && !lookUpNext
                        && ChangeStreamErrors.isEventTooLarge(e)) {
                    lookUpNext = true;
                    LOG.warn(
                            "A change event after {} exceeds 16 MB even without updateDescription"
                                    + " ({}); reading it without its document and looking that up",
                            position,
                            e.getMessage());
                    continue;
                }
                if (!withoutUpdateDescription && ChangeStreamErrors.isEventTooLarge(e)) {
                    withoutUpdateDescription = true;
                    LOG.warn(
                            "A change event after {} exceeds 16 MB ({}); reading the stream again"
                                    + " from there without updateDescription",
                            position,
                            e.getMessage());
                    continue;
                }
                if (ChangeStreamErrors.isHistoryLost(e)) {
                    throw new ChangeStreamHistoryLostException(position, e);
                }
                if (!ChangeStreamErrors.isTransient(e)
                        || ++failures > options.maxReopenAttempts()) {
                    throw e;
                }
                long pause = options.backoff(failures).toMillis();
                LOG.warn(
                        "Change stream failed ({}); reopening from {} in {} ms (attempt {} of {})",
                        e.getMessage(),
                        position,
                        pause,
                        failures,
                        options.maxReopenAttempts());
                sleep(pause);
            }
        }
    }

    private List<ChangeStreamEvent> readBatch() {
        List<ChangeStreamEvent> events = new ArrayList<>();
        RawBsonDocument event = cursor.tryNext(); // the only call that may go to the server
        while (event != null) {
            if (SplitEventAssembler.isFragment(event)) {
                event = fragments.add(event);
            }
            if (event != null) {
                ChangeStreamEvent decoded = ChangeEventDecoder.decode(event);
                events.add(decoded);
                if (decoded.type() == ChangeStreamEvent.Type.INVALIDATE) {
                    invalidated = true;
                    break;
                }
            }
            // The rest of a split event is read now, even from the next batch.
            event = cursor.available() > 0 || fragments.inProgress() ? cursor.tryNext() : null;
        }
        byte[] last =
                events.isEmpty() ? currentToken() : events.get(events.size() - 1).resumeToken();
        // Between the fragments of an event the stream's token is a fragment's: never a position.
        BsonDocument token = invalidated || fragments.inProgress() ? null : cursor.getResumeToken();
        if (token != null) {
            byte[] tokenBytes = ChangeStreamStart.bytes(token);
            if (!Arrays.equals(tokenBytes, last)) {
                events.add(ChangeStreamEvent.heartbeat(tokenBytes, ResumeTokenTime.of(tokenBytes)));
            }
        }
        if (!events.isEmpty()) {
            position = events.get(events.size() - 1).position();
        }
        return events;
    }

    /**
     * The next event alone, read without its document, which is looked up ({@link
     * FullDocumentLookup}); the stream is then reopened after it, as before.
     */
    private List<ChangeStreamEvent> readWithLookup() {
        RawBsonDocument event = cursor.tryNext();
        if (event == null) {
            return List.of();
        }
        ChangeStreamEvent decoded = FullDocumentLookup.decode(client, event);
        if (decoded.type() == ChangeStreamEvent.Type.INVALIDATE) {
            invalidated = true;
        }
        position = decoded.position();
        lookUpNext = false;
        closeCursor();
        return List.of(decoded);
    }

    private byte[] currentToken() {
        return position.isResumeToken() ? position.resumeToken() : null;
    }

    @SuppressWarnings("unchecked")
    private MongoChangeStreamCursor<RawBsonDocument> open() {
        List<BsonDocument> pipeline = new ArrayList<>();
        pipeline.add(match);
        if (withoutUpdateDescription) {
            BsonDocument without = new BsonDocument("updateDescription", new BsonInt32(0));
            if (lookUpNext) {
                without.append("fullDocument", new BsonInt32(0));
            }
            pipeline.add(new BsonDocument("$project", without));
        }
        if (splitStage) {
            // Must be the pipeline's last stage.
            pipeline.add(new BsonDocument("$changeStreamSplitLargeEvent", new BsonDocument()));
        }
        ChangeStreamIterable<Document> watch =
                client.watch(pipeline)
                        .fullDocument(FullDocument.UPDATE_LOOKUP)
                        .batchSize(lookUpNext ? 1 : options.batchSize())
                        .maxAwaitTime(options.maxAwaitTime().toMillis(), TimeUnit.MILLISECONDS);
        if (position.isResumeToken()) {
            watch = watch.resumeAfter(position.resumeTokenDocument());
        } else {
            watch = watch.startAtOperationTime(position.operationTime());
        }
        LOG.info("Opening the change stream from {}", position);
        // The raw iterable's cursor is the change-stream cursor (resume tokens, available()).
        return (MongoChangeStreamCursor<RawBsonDocument>)
                watch.withDocumentClass(RawBsonDocument.class).cursor();
    }

    /** The position after the last element returned (or the start position). */
    public ChangeStreamPosition position() {
        return position;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reopening the change stream", e);
        }
    }

    private void closeCursor() {
        fragments.reset(); // the stream is read again from the last position, before them
        if (cursor != null) {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the change stream cursor failed", e);
            }
            cursor = null;
        }
    }

    @Override
    public void close() {
        closeCursor();
    }
}
