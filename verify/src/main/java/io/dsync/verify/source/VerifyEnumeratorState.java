package io.dsync.verify.source;

import java.util.List;

/**
 * The enumerator's progress: splits cut but not yet assigned, and namespace pairs not yet fully
 * cut.
 */
public record VerifyEnumeratorState(List<VerifySplit> pendingSplits, List<SplitTask> tasks) {

    public VerifyEnumeratorState {
        pendingSplits = List.copyOf(pendingSplits);
        tasks = List.copyOf(tasks);
    }
}
