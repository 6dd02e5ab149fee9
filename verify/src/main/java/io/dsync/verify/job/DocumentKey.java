package io.dsync.verify.job;

import io.dsync.verify.CompareMode;
import io.dsync.verify.bson.Digest128;
import io.dsync.verify.bson.DocumentDigester;

/**
 * The join key of the verify job: the namespace pair and a 128-bit hash (the first 16 bytes of
 * SHA-256) of the raw BSON {@code {_id: value}}, so that an int32 {@code _id} and an int64 {@code
 * _id} of the same value are different keys.
 *
 * <p>Fixed length on purpose: Flink's batch shuffle sorts fixed-length keys by their bytes
 * (normalized keys), several times faster than variable-length ones, which it must compare one by
 * one in serialized form. Two different {@code _id} values with the same hash would meet in one
 * group; {@link MergeSides} compares the {@code _id} bytes themselves and stops the job rather than
 * merge them, so a collision (never expected: 2<sup>-128</sup> per pair of values) cannot give a
 * wrong answer.
 */
public final class DocumentKey {

    /** SHA-256 of the raw bytes, first 16 bytes; one digester per thread (they are not shared). */
    private static final ThreadLocal<DocumentDigester> ID_HASH =
            ThreadLocal.withInitial(() -> new DocumentDigester(CompareMode.RAW_BYTES));

    private final int pair;
    private final long high;
    private final long low;

    public DocumentKey(int pair, long high, long low) {
        this.pair = pair;
        this.high = high;
        this.low = low;
    }

    /** The key of an {@code _id} (raw BSON {@code {_id: value}}) in a namespace pair. */
    public static DocumentKey of(int pair, byte[] id) {
        Digest128 hash = ID_HASH.get().digest(id);
        return new DocumentKey(pair, hash.high(), hash.low());
    }

    public int pair() {
        return pair;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentKey k && k.pair == pair && k.high == high && k.low == low;
    }

    @Override
    public int hashCode() {
        return 31 * pair + Long.hashCode(low);
    }

    @Override
    public String toString() {
        return "DocumentKey{pair=" + pair + ", hash=" + Long.toHexString(high) + "...}";
    }
}
