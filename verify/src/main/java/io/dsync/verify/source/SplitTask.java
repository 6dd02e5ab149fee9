package io.dsync.verify.source;

import io.dsync.connectors.source.snapshot.IdBound;

/**
 * A namespace pair whose source collection is still to be cut into ranges: from {@code from} on,
 * the next range having index {@code nextIndex}.
 */
record SplitTask(int pair, IdBound from, long nextIndex) {

    static SplitTask whole(int pair) {
        return new SplitTask(pair, IdBound.MIN, 0);
    }
}
