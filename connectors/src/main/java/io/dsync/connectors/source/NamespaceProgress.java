package io.dsync.connectors.source;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Enumerator-side progress of one namespace's initial copy: whether all of its ranges have been
 * generated, and which generated ranges are not finished yet.
 */
final class NamespaceProgress {

    boolean prepared;
    boolean splitDone;
    boolean indexesCopied;
    final Set<String> openRanges = new LinkedHashSet<>();
    long rangesFinished;

    boolean snapshotComplete() {
        return splitDone && openRanges.isEmpty();
    }
}
