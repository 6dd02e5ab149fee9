package io.dsync.connectors.source;

import java.util.Objects;

/**
 * A range a reader has read to its end whose end the enumerator has not confirmed yet. It is not
 * work to do: the reader keeps it in its checkpointed state (beside the splits it is reading) until
 * the enumerator confirms, and a reader restored with it tells the enumerator again. Without it, a
 * range finished between the enumerator's snapshot and the reader's snapshot of one checkpoint
 * would be open in the restored enumerator and held by no reader: a copy that never completes.
 */
public final class FinishedSnapshotSplit extends MigrationSplit {

    private final String splitId;
    private final String namespace;

    public FinishedSnapshotSplit(String splitId, String namespace) {
        this.splitId = Objects.requireNonNull(splitId, "splitId");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public String splitId() {
        return splitId;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FinishedSnapshotSplit f
                && f.splitId.equals(splitId)
                && f.namespace.equals(namespace);
    }

    @Override
    public int hashCode() {
        return splitId.hashCode();
    }

    @Override
    public String toString() {
        return "FinishedSnapshotSplit{" + splitId + "}";
    }
}
