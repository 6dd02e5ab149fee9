package io.dsync.verify.source;

import io.dsync.connectors.source.snapshot.IdBound;
import io.dsync.verify.job.Side;

/**
 * A side of a namespace pair whose ranges are still to be cut: from {@code from} on, the next range
 * having index {@code nextIndex}.
 */
record SplitTask(Side side, int pair, IdBound from, long nextIndex) {

    static SplitTask whole(Side side, int pair) {
        return new SplitTask(side, pair, IdBound.MIN, 0);
    }
}
