package io.dsync.connectors.source.cosmos;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import io.dsync.connectors.flavor.Flavor;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.MigrationStoppedException;
import io.dsync.connectors.source.changestream.ChangeFeed;
import io.dsync.connectors.source.changestream.ChangeStreamErrors;
import io.dsync.connectors.source.changestream.ChangeStreamEvent;
import io.dsync.connectors.source.changestream.ChangeStreamHistoryLostException;
import io.dsync.connectors.source.changestream.ChangeStreamOptions;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.ChangeStreamStart;
import io.dsync.connectors.source.changestream.ResumeTokenTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed of a deployment that only has per-collection change streams (Cosmos DB,
 * DocumentDB): one stream per collection, read in turn, at most {@code maxOpenStreams} open at once
 * (the least recently read one is closed, its token kept, when another must open). The position is
 * one resume token per collection ({@link ChangeStreamPosition#ofCollections}).
 *
 * <p>Each {@link #poll()} reads one batch of the next collection. Its document events carry the
 * position from before the batch and a closing heartbeat the position after it, so a checkpoint
 * taken in the middle of a batch replays the batch (idempotent writes; never a skipped event). The
 * heartbeat's cluster time is the low watermark: the oldest point any collection has been read up
 * to (from the streams' post-batch resume tokens; 0 while unknown), so the lag figures never run
 * ahead of a collection that lags. With {@link DeletesEmulator}, the deletes it verified are
 * appended after the batch (see connectors/README.md, "Deletes emulation").
 */
public final class PerCollectionChangeFeed implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PerCollectionChangeFeed.class);

    /** Longest wait for one collection's events, so that a round over many stays short. */
    static final Duration MAX_COLLECTION_AWAIT = Duration.ofMillis(100);

    /** Deletes emitted per poll at most, so that the stream keeps flowing during a big cycle. */
    static final int MAX_DELETES_PER_POLL = 1_000;

    private final MongoClient client;
    private final Flavor flavor;
    private final ChangeStreamOptions options;
    private final int maxOpenStreams;
    private final DeletesEmulator deletes;
    private final Duration await;
    private final List<String> namespaces;
    private final TreeMap<String, byte[]> tokens;
    private final Map<String, Long> readUpTo = new HashMap<>();
    private final LinkedHashMap<String, MongoChangeStreamCursor<RawBsonDocument>> open =
            new LinkedHashMap<>(16, 0.75f, true);
    private ChangeStreamPosition position;
    private int next;
    private int failures;

    /**
     * @param deletes the deletes emulation, or null
     */
    public PerCollectionChangeFeed(
            MongoClient client,
            Flavor flavor,
            ChangeStreamPosition start,
            ChangeStreamOptions options,
            int maxOpenStreams,
            DeletesEmulator deletes) {
        this.client = Objects.requireNonNull(client, "client");
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.options = Objects.requireNonNull(options, "options");
        if (!start.isPerCollection()) {
            throw new IllegalArgumentException(
                    "the per-collection change feed of a "
                            + flavor.displayName()
                            + " source needs a per-collection start position, not "
                            + start
                            + " (a run started for another flavor cannot continue as this one)");
        }
        if (maxOpenStreams < 1) {
            throw new IllegalArgumentException("maxOpenStreams must be at least 1");
        }
        this.maxOpenStreams = maxOpenStreams;
        this.deletes = deletes;
        this.tokens = new TreeMap<>(start.collectionTokens());
        this.namespaces = new ArrayList<>(tokens.keySet());
        this.position = start;
        this.await =
                options.maxAwaitTime().compareTo(MAX_COLLECTION_AWAIT) < 0
                        ? options.maxAwaitTime()
                        : MAX_COLLECTION_AWAIT;
    }

    @Override
    public List<ChangeStreamEvent> poll() {
        String namespace = namespaces.get(next);
        next = (next + 1) % namespaces.size();
        List<ChangeStreamEvent> events = new ArrayList<>();
        try {
            if (readCollection(namespace, events)) {
                return events; // a DDL or invalidate: nothing after it until it is handled
            }
            failures = 0;
        } catch (MongoException e) {
            closeCursor(namespace);
            Namespace ns = Namespace.parse(namespace);
            if (ChangeStreamsNotEnabledException.isNotEnabled(e)) {
                throw MigrationStoppedException.fatal(
                        new MigrationStoppedException(
                                new ChangeStreamsNotEnabledException(ns, e).getMessage(), e));
            }
            if (ChangeStreamErrors.isHistoryLost(e)) {
                throw new ChangeStreamHistoryLostException(position(), e);
            }
            if (!ChangeStreamErrors.isTransient(e) || ++failures > options.maxReopenAttempts()) {
                throw e;
            }
            long pause = options.backoff(failures).toMillis();
            LOG.warn(
                    "Change stream of {} failed ({}); reopening in {} ms (attempt {} of {})",
                    namespace,
                    e.getMessage(),
                    pause,
                    failures,
                    options.maxReopenAttempts());
            sleep(pause);
        }
        if (deletes != null) {
            appendDeletes(events);
        }
        return events;
    }

    /** Reads one batch of one collection; true when it ended at a DDL or invalidate event. */
    private boolean readCollection(String namespace, List<ChangeStreamEvent> events) {
        MongoChangeStreamCursor<RawBsonDocument> cursor = cursorFor(namespace);
        Namespace ns = Namespace.parse(namespace);
        ChangeStreamPosition before = position();
        int read = 0;
        RawBsonDocument raw = cursor.tryNext(); // the only call that may go to the server
        while (raw != null) {
            ChangeStreamEvent event = CollectionEventDecoder.decode(raw, ns);
            tokens.put(namespace, event.resumeToken());
            position = null;
            read++;
            switch (event.type()) {
                case DOCUMENT, HEARTBEAT -> events.add(event.withClusterTime(0).at(before));
                default -> {
                    // DDL or invalidate: exact position, and the stream stops here.
                    events.add(event.at(position()));
                    closeCursor(namespace);
                    return true;
                }
            }
            raw = cursor.available() > 0 ? cursor.tryNext() : null;
        }
        BsonDocument token = cursor.getResumeToken();
        if (token != null) {
            byte[] bytes = ChangeStreamStart.bytes(token);
            tokens.put(namespace, bytes);
            position = null;
            long time = ResumeTokenTime.of(bytes);
            if (time != 0) {
                readUpTo.merge(namespace, time, Math::max);
            }
        }
        if (read > 0 || token != null) {
            events.add(
                    ChangeStreamEvent.heartbeat(tokens.get(namespace), lowWatermark())
                            .at(position()));
        }
        return false;
    }

    private void appendDeletes(List<ChangeStreamEvent> events) {
        List<ChangeRecord> verified = deletes.verifiedDeletes(MAX_DELETES_PER_POLL);
        if (verified.isEmpty()) {
            return;
        }
        ChangeStreamPosition at = position();
        for (ChangeRecord delete : verified) {
            events.add(ChangeStreamEvent.document(delete, tokens.get(delete.namespace())).at(at));
        }
    }

    /** The oldest time any collection has been read up to; 0 while one is unknown. */
    private long lowWatermark() {
        if (readUpTo.size() < namespaces.size()) {
            return 0;
        }
        long low = Long.MAX_VALUE;
        for (long time : readUpTo.values()) {
            low = Long.compareUnsigned(time, low) < 0 ? time : low;
        }
        return low;
    }

    private ChangeStreamPosition position() {
        if (position == null) {
            position = ChangeStreamPosition.ofCollections(tokens);
        }
        return position;
    }

    private MongoChangeStreamCursor<RawBsonDocument> cursorFor(String namespace) {
        MongoChangeStreamCursor<RawBsonDocument> cursor = open.get(namespace);
        if (cursor != null) {
            return cursor;
        }
        Iterator<Map.Entry<String, MongoChangeStreamCursor<RawBsonDocument>>> eldest =
                open.entrySet().iterator();
        while (open.size() >= maxOpenStreams && eldest.hasNext()) {
            close(eldest.next().getValue());
            eldest.remove();
        }
        cursor =
                CollectionStreams.open(
                        client,
                        Namespace.parse(namespace),
                        flavor,
                        tokens.get(namespace),
                        options.batchSize(),
                        await);
        open.put(namespace, cursor);
        return cursor;
    }

    private void closeCursor(String namespace) {
        MongoChangeStreamCursor<RawBsonDocument> cursor = open.remove(namespace);
        if (cursor != null) {
            close(cursor);
        }
    }

    private static void close(MongoChangeStreamCursor<RawBsonDocument> cursor) {
        try {
            cursor.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing a change stream cursor failed", e);
        }
    }

    /** Change streams open right now (for tests and figures). */
    int openStreams() {
        return open.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reopening a change stream", e);
        }
    }

    @Override
    public void close() {
        for (MongoChangeStreamCursor<RawBsonDocument> cursor : open.values()) {
            close(cursor);
        }
        open.clear();
        if (deletes != null) {
            deletes.close();
        }
    }
}
