package io.dsync.connectors.sink;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The records a writer holds until their bulk write: one batch per destination namespace, in which
 * only the last record of each {@code _id} survives. Pure bookkeeping (no I/O, no clock), driven by
 * the writer.
 *
 * <p>Keeping only the last record per key is what makes a batch one unordered bulk write: its
 * operations touch distinct documents, so their order does not matter, and the surviving record is
 * the newest state the writer has seen for that document.
 */
final class PendingWrites {

    /**
     * Bytes a write operation adds around the key and the document inside the {@code update}
     * command ({@code {q: ..., u: ..., upsert: true}} and the array index).
     */
    static final int OPERATION_OVERHEAD_BYTES = 64;

    private final int maxBatchDocuments;
    private final long maxBatchBytes;
    private final Map<Namespace, Batch> batches = new LinkedHashMap<>();
    private long bufferedBytes;

    PendingWrites(int maxBatchDocuments, long maxBatchBytes) {
        this.maxBatchDocuments = maxBatchDocuments;
        this.maxBatchBytes = maxBatchBytes;
    }

    /** Bytes one record accounts for in a batch. */
    static long sizeOf(ChangeRecord record) {
        byte[] document = record.document();
        return OPERATION_OVERHEAD_BYTES
                + record.key().length
                + (document == null ? 0 : document.length);
    }

    /**
     * Whether adding the record would push the destination's non-empty batch past the byte limit;
     * the writer then writes that batch first, so batches stay under the limit whenever single
     * records do.
     */
    boolean wouldOverflow(Namespace destination, ChangeRecord record) {
        Batch batch = batches.get(destination);
        if (batch == null || batch.records.isEmpty()) {
            return false;
        }
        ChangeRecord replaced = batch.records.get(keyOf(record));
        long after = batch.bytes + sizeOf(record) - (replaced == null ? 0 : sizeOf(replaced));
        return after > maxBatchBytes;
    }

    /**
     * Adds the record to its destination's batch; a record with the same key already there is
     * replaced (the later one wins).
     *
     * @param nowMillis when the record arrived, to age the batch for the delay-based flush
     * @return whether the batch has reached the document or byte limit and should be written
     */
    boolean add(Namespace destination, ChangeRecord record, long nowMillis) {
        Batch batch = batches.computeIfAbsent(destination, d -> new Batch(d, nowMillis));
        long size = sizeOf(record);
        ChangeRecord replaced = batch.records.put(keyOf(record), record);
        long delta = size - (replaced == null ? 0 : sizeOf(replaced));
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

    /** The key bytes as a string, one char per byte: lossless, cheap to hash and compare. */
    private static String keyOf(ChangeRecord record) {
        return new String(record.key(), StandardCharsets.ISO_8859_1);
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
