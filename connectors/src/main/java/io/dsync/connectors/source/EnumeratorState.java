package io.dsync.connectors.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The migration source enumerator's checkpointed state: what is left to hand out and how far each
 * namespace's copy is. The change stream's start position lives in the unassigned {@link
 * ChangeStreamSplit} until a reader takes it, and from then on in that reader's state, so it is
 * never recomputed on restore.
 */
public final class EnumeratorState {

    ChangeStreamSplit unassignedStream;
    boolean discovered;
    final List<SnapshotSplit> pendingSplits = new ArrayList<>();
    final Map<String, NamespaceProgress> namespaces = new LinkedHashMap<>();

    EnumeratorState() {}

    /** The state of a source that has not started: only the change stream's start point. */
    static EnumeratorState initial(ChangeStreamSplit stream) {
        EnumeratorState state = new EnumeratorState();
        state.unassignedStream = stream;
        return state;
    }

    boolean snapshotComplete(boolean needIndexes) {
        if (!discovered || !pendingSplits.isEmpty()) {
            return false;
        }
        for (NamespaceProgress progress : namespaces.values()) {
            if (!progress.snapshotComplete() || (needIndexes && !progress.indexesCopied)) {
                return false;
            }
        }
        return true;
    }
}
