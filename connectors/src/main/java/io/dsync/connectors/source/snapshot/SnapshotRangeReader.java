package io.dsync.connectors.source.snapshot;

import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.MongoSocketException;
import com.mongodb.ServerCursor;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import io.dsync.connectors.record.ChangeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the documents of one {@link IdRange} as {@link ChangeRecord.Kind#SNAPSHOT} records, one
 * driver batch at a time, with the raw bytes of every document unchanged.
 *
 * <p>The range is read with {@code find({}).sort({_id: 1}).hint({_id: 1}).min(<lower>)
 * .max(<upper>)} ({@code min}/{@code max} only where the bound is a key). It is not read with
 * {@code {_id: {$gte: a, $lt: b}}}: MongoDB's query comparison applies type bracketing, so such a
 * filter only matches {@code _id}s of the bounds' own BSON type and would silently skip documents
 * whose {@code _id} is of another type. {@code min}/{@code max} bound the walk of the {@code _id}
 * index itself, which orders all types (https://www.mongodb.com/docs/manual/reference/method/
 * cursor.min/, https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/).
 *
 * <p>To resume after the last key delivered, the reader starts at {@code min = that key}
 * (inclusive) and drops the first document when its key equals it; it never uses {@code skip}. The
 * same happens by itself when the server cursor is lost (cursor timeout, a network error), up to
 * {@value #MAX_REOPENS} times in a row.
 *
 * <p>The client is given and not closed here; closing the reader closes its cursor.
 */
public final class SnapshotRangeReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRangeReader.class);

    /** Default number of documents per driver batch. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private static final BsonDocument NATURAL_ORDER =
            new BsonDocument("$natural", new BsonInt32(1));

    static final int MAX_REOPENS = 3;

    private final MongoClient client;
    private final IdRange range;
    private final int batchSize;
    private byte[] lastKey; // last key delivered, or the resume key; null before the first
    private MongoCursor<RawBsonDocument> cursor;
    private boolean dropResumeKey;
    private boolean finished;
    private int reopensInARow;

    /** Reads the whole range. */
    public SnapshotRangeReader(MongoClient client, IdRange range, int batchSize) {
        this(client, range, batchSize, null);
    }

    /**
     * Reads the range from just after {@code resumeAfterKey}.
     *
     * @param client the source client, used and not closed
     * @param range the range to read
     * @param batchSize documents per driver batch (and at most per {@link #nextBatch()})
     * @param resumeAfterKey raw BSON {@code {_id: v}} of the last document already delivered, or
     *     {@code null} to read the whole range
     */
    public SnapshotRangeReader(
            MongoClient client, IdRange range, int batchSize, byte[] resumeAfterKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.range = Objects.requireNonNull(range, "range");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
        this.lastKey = resumeAfterKey == null ? null : IdBound.of(resumeAfterKey).keyBytes();
    }

    public IdRange range() {
        return range;
    }

    /**
     * The next documents of the range, at most one driver batch; an empty list when the range is
     * done.
     */
    public List<ChangeRecord> nextBatch() {
        while (true) {
            try {
                List<ChangeRecord> batch = readBatch();
                reopensInARow = 0;
                return batch;
            } catch (MongoCursorNotFoundException | MongoSocketException e) {
                closeCursor();
                if (++reopensInARow > MAX_REOPENS) {
                    throw e;
                }
                LOG.warn(
                        "Reading range {} failed ({}); reopening after the last key read",
                        range.id(),
                        e.getMessage());
            }
        }
    }

    private List<ChangeRecord> readBatch() {
        if (finished) {
            return List.of();
        }
        if (cursor == null) {
            cursor = open();
        }
        List<ChangeRecord> records = new ArrayList<>(batchSize);
        if (!cursor.hasNext()) {
            finished = true;
            closeCursor();
            return records;
        }
        // hasNext() fetched a batch; take only what is buffered, without another round trip.
        do {
            add(records, cursor.next());
        } while (cursor.available() > 0);
        return records;
    }

    private void add(List<ChangeRecord> records, RawBsonDocument doc) {
        byte[] document = IdKey.bytesOf(doc);
        byte[] key = IdKey.of(document);
        if (dropResumeKey) {
            dropResumeKey = false;
            if (Arrays.equals(key, lastKey)) {
                return;
            }
        }
        lastKey = key;
        records.add(ChangeRecord.snapshot(range.namespace().fullName(), key, document));
    }

    private MongoCursor<RawBsonDocument> open() {
        if (range.isNaturalOrder()) {
            return openInNaturalOrder();
        }
        FindIterable<RawBsonDocument> find =
                client.getDatabase(range.namespace().database())
                        .getCollection(range.namespace().collection(), RawBsonDocument.class)
                        .find()
                        .sort(PaginationSplitter.ID_ASCENDING)
                        .hint(PaginationSplitter.ID_ASCENDING)
                        .batchSize(batchSize);
        if (lastKey != null) {
            find = find.min(new RawBsonDocument(lastKey));
            dropResumeKey = true;
        } else if (range.lower().isKey()) {
            find = find.min(range.lower().asDocument());
        }
        if (range.upper().isKey()) {
            find = find.max(range.upper().asDocument());
        }
        return find.iterator();
    }

    /**
     * A capped collection, in insertion order. Natural order has no key to resume at: a read that
     * is opened again starts over (copies are idempotent, and a document rewritten in place keeps
     * its place).
     */
    private MongoCursor<RawBsonDocument> openInNaturalOrder() {
        dropResumeKey = false;
        return client.getDatabase(range.namespace().database())
                .getCollection(range.namespace().collection(), RawBsonDocument.class)
                .find()
                .sort(NATURAL_ORDER)
                .hint(NATURAL_ORDER)
                .batchSize(batchSize)
                .iterator();
    }

    /** The key of the last document delivered (or the resume key), or {@code null}. */
    public byte[] lastKey() {
        return lastKey == null ? null : lastKey.clone();
    }

    /** The open server cursor, or {@code null} (tests kill it to exercise the reopen). */
    ServerCursor serverCursor() {
        return cursor == null ? null : cursor.getServerCursor();
    }

    /** Whether the whole range has been delivered. */
    public boolean isFinished() {
        return finished;
    }

    private void closeCursor() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the cursor of range {} failed", range.id(), e);
            }
            cursor = null;
        }
    }

    @Override
    public void close() {
        closeCursor();
    }
}
