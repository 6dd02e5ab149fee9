package io.dsync.connectors.source;

import io.dsync.connectors.source.snapshot.IdRange;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One {@code _id} range of one collection to copy, and how far it has been read: the key ({@code
 * {_id: v}} raw BSON) of the last document delivered, so that a restored split resumes right after
 * it (never by counting documents with {@code skip}); and the UUID the collection had when it was
 * listed, where the server reports one, so that a range read from a collection that was renamed,
 * dropped or replaced since is not taken as copied ({@link CopiedCollectionCheck}).
 */
public final class SnapshotSplit extends MigrationSplit {

    private final IdRange range;
    private final byte[] lastKey;
    private final UUID collectionUuid;

    public SnapshotSplit(IdRange range, byte[] lastKey) {
        this(range, lastKey, null);
    }

    /**
     * @param collectionUuid the collection's UUID when it was listed, or {@code null} when the
     *     server reports none
     */
    public SnapshotSplit(IdRange range, byte[] lastKey, UUID collectionUuid) {
        this.range = Objects.requireNonNull(range, "range");
        this.lastKey = lastKey;
        this.collectionUuid = collectionUuid;
    }

    /** The collection's UUID when it was listed, or {@code null} when the server reports none. */
    public UUID collectionUuid() {
        return collectionUuid;
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
                && Arrays.equals(s.lastKey, lastKey)
                && Objects.equals(s.collectionUuid, collectionUuid);
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
