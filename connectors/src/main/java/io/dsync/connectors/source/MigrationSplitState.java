package io.dsync.connectors.source;

import io.dsync.connectors.source.changestream.ChangeStreamPosition;

/** The mutable progress of one split while a reader works on it. */
final class MigrationSplitState {

    private final MigrationSplit split;
    private byte[] lastKey;
    private ChangeStreamPosition position;

    MigrationSplitState(MigrationSplit split) {
        this.split = split;
        if (split instanceof SnapshotSplit s) {
            this.lastKey = s.lastKey();
        } else {
            this.position = ((ChangeStreamSplit) split).position();
        }
    }

    MigrationSplit split() {
        return split;
    }

    boolean isChangeStream() {
        return split instanceof ChangeStreamSplit;
    }

    void delivered(byte[] key) {
        this.lastKey = key;
    }

    void advancedTo(ChangeStreamPosition position) {
        this.position = position;
    }

    MigrationSplit toSplit() {
        if (split instanceof SnapshotSplit s) {
            return new SnapshotSplit(s.range(), lastKey, s.collectionUuid());
        }
        return new ChangeStreamSplit(position);
    }
}
