package io.dsync.connectors.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader's ranges read to their end that the enumerator has not confirmed yet (see {@link
 * FinishedSnapshotSplit}). Flink orders the enumerator's messages to a reader against a checkpoint
 * (one sent after the enumerator's snapshot arrives after the reader's snapshot), but not a
 * reader's messages to the enumerator: so a range stays here, and in every reader snapshot, until
 * the enumerator's confirmation arrives, which proves that every later enumerator snapshot counts
 * the range as finished.
 */
final class FinishedRanges {

    private final Map<String, FinishedSnapshotSplit> unconfirmed = new LinkedHashMap<>();
    private final List<SourceEvents.SnapshotSplitFinished> toReportAgain = new ArrayList<>();

    /** Records a range read to its end; returns the message that tells the enumerator. */
    SourceEvents.SnapshotSplitFinished finished(SnapshotSplit split) {
        return remember(new FinishedSnapshotSplit(split.splitId(), split.namespace()));
    }

    /** Takes a range back from the reader's restored state, to be reported again. */
    void restored(FinishedSnapshotSplit split) {
        toReportAgain.add(remember(split));
    }

    /** The messages for the restored ranges not reported again yet (each given out once). */
    List<SourceEvents.SnapshotSplitFinished> takeToReportAgain() {
        List<SourceEvents.SnapshotSplitFinished> messages = new ArrayList<>(toReportAgain);
        toReportAgain.clear();
        return messages;
    }

    private SourceEvents.SnapshotSplitFinished remember(FinishedSnapshotSplit split) {
        unconfirmed.put(split.splitId(), split);
        return new SourceEvents.SnapshotSplitFinished(split.splitId(), split.namespace());
    }

    /** The enumerator has counted this range as finished. */
    void confirmed(String splitId) {
        unconfirmed.remove(splitId);
    }

    /** What the reader's snapshot keeps besides the splits it is reading. */
    List<FinishedSnapshotSplit> unconfirmed() {
        return new ArrayList<>(unconfirmed.values());
    }
}
