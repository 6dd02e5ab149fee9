package io.dsync.verify.recheck;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code --recheck}: differences found while the application may still have been writing (or
 * replication lagging) are read again after a delay, for a number of rounds, and only those that
 * still differ in the last round are kept. A round rechecks only what still differed in the one
 * before; rechecking stops early when nothing differs any more.
 */
public final class Rechecker {

    private final DocumentChecker checker;
    private final int rounds;
    private final Duration delay;
    private final PrintStream out;

    public Rechecker(DocumentChecker checker, int rounds, Duration delay, PrintStream out) {
        this.checker = checker;
        this.rounds = rounds;
        this.delay = delay;
        this.out = out;
    }

    /**
     * @return the differences that still differ, with their outcome and documents as last read
     */
    public List<DocumentDifference> recheck(List<DocumentDifference> differences)
            throws InterruptedException {
        List<DocumentDifference> remaining = differences;
        for (int round = 1; round <= rounds && !remaining.isEmpty(); round++) {
            out.printf(
                    "Rechecking %,d differences (round %d of %d, after %s)%n",
                    remaining.size(), round, rounds, describe(delay));
            out.flush();
            Thread.sleep(delay.toMillis());
            remaining =
                    checker.check(remaining).stream()
                            .filter(d -> d.outcome() != null && d.outcome().isDifference())
                            .toList();
        }
        return remaining;
    }

    static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
