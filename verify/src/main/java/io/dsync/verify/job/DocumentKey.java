package io.dsync.verify.job;

import java.util.Arrays;

/**
 * The join key of the verify job: the namespace pair and the raw BSON {@code {_id: value}}. Equal
 * exactly when the bytes are equal, so an int32 {@code _id} and an int64 {@code _id} of the same
 * value are different keys. Hash code is content based (needed to key a Flink stream).
 */
public final class DocumentKey {

    private final int pair;
    private final byte[] id;

    public DocumentKey(int pair, byte[] id) {
        this.pair = pair;
        this.id = id;
    }

    public int pair() {
        return pair;
    }

    public byte[] id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentKey k && k.pair == pair && Arrays.equals(k.id, id);
    }

    @Override
    public int hashCode() {
        return 31 * pair + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "DocumentKey{pair=" + pair + ", id=" + id.length + "B}";
    }
}
