package io.dsync.verify.job;

import io.dsync.verify.bson.Digest128;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins both sides of one {@code _id} range by exact {@code _id} bytes: the source's documents of
 * the range are held as {@code _id} → digest (a range has a bounded number of them), then the
 * destination's documents of the same range are streamed past them. Every {@code _id} gets exactly
 * one {@link Outcome}: it is in the range on both sides or on one, and two documents with one
 * {@code _id} always fall in the same range.
 *
 * <p>Not thread-safe; one per range being compared.
 */
public final class RangeJoin {

    private final int pair;
    private final Map<IdBytes, Digest128> source = new HashMap<>();
    private final int maxDifferences;
    private long[] outcomes = new long[Outcome.count()];
    private List<DigestRecord> differences = new ArrayList<>();
    private long sourceDocuments;
    private long destinationDocuments;
    private int differencesKept;
    private boolean probing;

    /**
     * @param pair the namespace pair's index
     * @param maxDifferences the most differences kept in full (the counts stay exact)
     */
    public RangeJoin(int pair, int maxDifferences) {
        this.pair = pair;
        this.maxDifferences = maxDifferences;
    }

    /** Adds a document of the range read on the source; all come before the destination's. */
    public void addSource(byte[] id, Digest128 digest) {
        if (probing) {
            throw new IllegalStateException("the destination side of the range is being read");
        }
        sourceDocuments++;
        if (source.put(new IdBytes(id), digest) != null) {
            throw new IllegalStateException(
                    "the source returned one _id twice in one range of namespace pair " + pair);
        }
    }

    /** Compares a document of the range read on the destination with the source's. */
    public void probeDestination(byte[] id, Digest128 digest) {
        probing = true;
        destinationDocuments++;
        Digest128 onSource = source.remove(new IdBytes(id));
        if (onSource == null) {
            count(
                    Outcome.EXTRA_ON_DESTINATION,
                    DigestRecord.of(pair, Side.DESTINATION, id, digest));
        } else if (onSource.equals(digest)) {
            outcomes[Outcome.MATCHED.ordinal()]++;
        } else {
            count(Outcome.DIFFERENT, DigestRecord.ofBoth(pair, id, onSource, digest));
        }
    }

    /**
     * What was read and found since the last report (for progress while the range is read); the
     * reports of a range add up to its whole outcome.
     */
    public ComparedRange report() {
        ComparedRange report =
                new ComparedRange(
                        pair, sourceDocuments, destinationDocuments, outcomes, differences);
        sourceDocuments = 0;
        destinationDocuments = 0;
        outcomes = new long[Outcome.count()];
        differences = new ArrayList<>();
        return report;
    }

    /**
     * The last report of the range, once both sides have been read: the source documents left
     * unmatched are missing on the destination.
     */
    public ComparedRange finish() {
        for (Map.Entry<IdBytes, Digest128> left : source.entrySet()) {
            count(
                    Outcome.MISSING_ON_DESTINATION,
                    DigestRecord.of(pair, Side.SOURCE, left.getKey().bytes, left.getValue()));
        }
        source.clear();
        return report();
    }

    private void count(Outcome outcome, DigestRecord record) {
        outcomes[outcome.ordinal()]++;
        if (differencesKept < maxDifferences) {
            differencesKept++;
            differences.add(record);
        }
    }

    /** {@code _id} bytes as a map key: equal when the bytes are. */
    private static final class IdBytes {
        private final byte[] bytes;
        private final int hash;

        IdBytes(byte[] bytes) {
            this.bytes = bytes;
            this.hash = fnv1a(bytes);
        }

        /**
         * 64-bit FNV-1a, folded: {@code Arrays.hashCode} gives equal hashes to many {@code _id}s
         * that differ in two neighbouring bytes, and full hash buckets became trees in profiles.
         */
        private static int fnv1a(byte[] bytes) {
            long h = 0xcbf29ce484222325L;
            for (byte b : bytes) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            return (int) (h ^ (h >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdBytes other
                    && other.hash == hash
                    && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
