package io.dsync.connectors.sink;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The records a writer holds until their bulk write: one batch per destination namespace, holding
 * one record per document ({@link RecordKeys} key, the {@code _id} as the destination identifies
 * it), the records of a document folded by {@link RecordMerge}. Pure bookkeeping (no I/O, no
 * clock), driven by the writer.
 *
 * <p>One record per document is what makes a batch one unordered bulk write: its operations touch
 * distinct documents, so their order does not matter, and the surviving record has the effect of
 * everything the writer has seen for that document. Where two records of a document fold into no
 * single write, {@link #mustWriteFirst} has the writer write the batch before adding the second.
 */
final class PendingWrites {

    /**
     * Bytes a write operation adds around the key and the document inside the {@code update}
     * command ({@code {q: ..., u: ..., upsert: true}} and the array index).
     */
    static final int OPERATION_OVERHEAD_BYTES = 64;

    private final int maxBatchDocuments;
    private final long maxBatchBytes;
    private final RecordKeys keys;
    private final Map<Namespace, Batch> batches = new LinkedHashMap<>();
    private long bufferedBytes;

    PendingWrites(int maxBatchDocuments, long maxBatchBytes, RecordKeys keys) {
        this.maxBatchDocuments = maxBatchDocuments;
        this.maxBatchBytes = maxBatchBytes;
        this.keys = keys;
    }

    /** Bytes one record accounts for in a batch. */
    static long sizeOf(ChangeRecord record) {
        byte[] document = record.document();
        return OPERATION_OVERHEAD_BYTES
                + record.key().length
                + (document == null ? 0 : document.length);
    }

    /**
     * Whether the destination's non-empty batch must be written before the record is added: when
     * adding it would push the batch past the byte limit (so batches stay under the limit whenever
     * single records do), or when it cannot fold into the record its document already has there.
     */
    boolean mustWriteFirst(Namespace destination, ChangeRecord record) {
        Batch batch = batches.get(destination);
        if (batch == null || batch.records.isEmpty()) {
            return false;
        }
        ChangeRecord kept = batch.records.get(keys.keyOf(record));
        if (kept != null
                && RecordMerge.merge(kept, record, keys.collationOf(record.namespace())) == null) {
            return true;
        }
        long after = batch.bytes + sizeOf(record) - (kept == null ? 0 : sizeOf(kept));
        return after > maxBatchBytes;
    }

    /**
     * Adds the record to its destination's batch, folded into the record its document already has
     * there ({@link RecordMerge}; the writer has checked {@link #mustWriteFirst}).
     *
     * @param nowMillis when the record arrived, to age the batch for the delay-based flush
     * @return whether the batch has reached the document or byte limit and should be written
     */
    boolean add(Namespace destination, ChangeRecord record, long nowMillis) {
        Batch batch = batches.computeIfAbsent(destination, d -> new Batch(d, nowMillis));
        String key = keys.keyOf(record);
        ChangeRecord kept = batch.records.get(key);
        ChangeRecord merged = RecordMerge.merge(kept, record, keys.collationOf(record.namespace()));
        if (merged == null) {
            throw new IllegalStateException("write the batch first: mustWriteFirst was not asked");
        }
        batch.records.put(key, merged);
        long delta = sizeOf(merged) - (kept == null ? 0 : sizeOf(kept));
        batch.bytes += delta;
        bufferedBytes += delta;
        return isFull(batch);
    }

    /** Removes and returns the batch of the destination namespace, or null if there is none. */
    Batch take(Namespace destination) {
        Batch batch = batches.remove(destination);
        if (batch != null) {
            bufferedBytes -= batch.bytes;
        }
        return batch;
    }

    /** Destination namespaces that have a batch, in the order their batches were started. */
    List<Namespace> namespaces() {
        return new ArrayList<>(batches.keySet());
    }

    /** Destinations whose batch was started at or before {@code cutoffMillis}. */
    List<Namespace> startedAtOrBefore(long cutoffMillis) {
        List<Namespace> due = new ArrayList<>();
        for (Batch batch : batches.values()) {
            if (batch.startedAtMillis <= cutoffMillis) {
                due.add(batch.destination);
            }
        }
        return due;
    }

    /** When the oldest batch was started; empty when nothing is buffered. */
    OptionalLong oldestStartMillis() {
        return batches.values().stream().mapToLong(b -> b.startedAtMillis).min();
    }

    /** The destination with the most buffered bytes; null when nothing is buffered. */
    Namespace largest() {
        Batch largest = null;
        for (Batch batch : batches.values()) {
            if (largest == null || batch.bytes > largest.bytes) {
                largest = batch;
            }
        }
        return largest == null ? null : largest.destination;
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    int bufferedDocuments() {
        int documents = 0;
        for (Batch batch : batches.values()) {
            documents += batch.records.size();
        }
        return documents;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    private boolean isFull(Batch batch) {
        return batch.records.size() >= maxBatchDocuments || batch.bytes >= maxBatchBytes;
    }

    /** The records of one destination namespace, one per key. */
    static final class Batch {
        private final Namespace destination;
        private final long startedAtMillis;
        private final Map<String, ChangeRecord> records = new HashMap<>();
        private long bytes;

        private Batch(Namespace destination, long startedAtMillis) {
            this.destination = destination;
            this.startedAtMillis = startedAtMillis;
        }

        Namespace destination() {
            return destination;
        }

        Collection<ChangeRecord> records() {
            return records.values();
        }

        int size() {
            return records.size();
        }

        long bytes() {
            return bytes;
        }
    }
}
