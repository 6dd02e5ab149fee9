package io.dsync.connectors.source;

import io.dsync.connectors.source.snapshot.IdRange;
import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code _id} range of one collection to copy, and how far it has been read: the key ({@code
 * {_id: v}} raw BSON) of the last document delivered, so that a restored split resumes right after
 * it (never by counting documents with {@code skip}).
 */
public final class SnapshotSplit extends MigrationSplit {

    private final IdRange range;
    private final byte[] lastKey;

    public SnapshotSplit(IdRange range, byte[] lastKey) {
        this.range = Objects.requireNonNull(range, "range");
        this.lastKey = lastKey;
    }

    public IdRange range() {
        return range;
    }

    /** The key of the last document delivered, or {@code null} if none was. */
    public byte[] lastKey() {
        return lastKey;
    }

    public String namespace() {
        return range.namespace().fullName();
    }

    @Override
    public String splitId() {
        return range.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotSplit s
                && s.range.equals(range)
                && Arrays.equals(s.lastKey, lastKey);
    }

    @Override
    public int hashCode() {
        return range.hashCode();
    }

    @Override
    public String toString() {
        return "SnapshotSplit{" + range + (lastKey == null ? "" : ", resumed") + "}";
    }
}
