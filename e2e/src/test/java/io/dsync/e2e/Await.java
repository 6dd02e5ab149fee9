package io.dsync.e2e;

import java.time.Duration;

/** Polls a condition until it holds, or fails with what was last seen. */
final class Await {

    /** A condition that may throw while the thing it looks at is not ready yet. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        AssertionError error =
                new AssertionError("timed out after " + timeout + " waiting until " + what);
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }
}
