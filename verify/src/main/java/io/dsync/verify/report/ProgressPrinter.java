package io.dsync.verify.report;

import io.dsync.verify.catalog.NamespacePair;
import io.dsync.verify.job.DocumentPass;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints a progress line from the job's counters each time it is polled: documents read of the
 * estimated total (collection metadata, so "~"), the read rate since the last line, keys compared
 * once the join runs, and the namespaces being read.
 */
public final class ProgressPrinter implements DocumentPass.ProgressListener {

    private static final int MAX_NAMESPACE_LINES = 5;

    private final PrintStream out;
    private final List<NamespacePair> pairs;
    private final long[] estimated; // pair * 2 + side
    private static final long QUIET_LINE_NANOS = 60_000_000_000L;

    private long lastRead;
    private long lastCompared = -1;
    private long lastNanos = System.nanoTime();

    /**
     * @param estimated estimated documents per pair and side, index {@code pair * 2 + side}
     */
    public ProgressPrinter(PrintStream out, List<NamespacePair> pairs, long[] estimated) {
        this.out = out;
        this.pairs = pairs;
        this.estimated = estimated.clone();
    }

    @Override
    public synchronized void onProgress(long[] read, long[] outcomes) {
        long now = System.nanoTime();
        long totalRead = sum(read);
        long compared = sum(outcomes);
        if (totalRead == lastRead
                && compared == lastCompared
                && now - lastNanos < QUIET_LINE_NANOS) {
            return; // the job reports counters with its heartbeats: print when they move
        }
        lastCompared = compared;
        long totalEstimated = sum(estimated);
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long rate = Math.round((totalRead - lastRead) / seconds);
        lastRead = totalRead;
        lastNanos = now;
        StringBuilder line = new StringBuilder();
        line.append(
                String.format("Progress: %,d of ~%,d documents read", totalRead, totalEstimated));
        if (totalEstimated > 0) {
            line.append(String.format(" (%d%%)", Math.min(100, totalRead * 100 / totalEstimated)));
        }
        line.append(String.format(", %,d docs/s", rate));
        if (compared > 0) {
            line.append(String.format("; %,d _ids compared", compared));
        }
        out.println(line);
        int shown = 0;
        for (int pair = 0; pair < pairs.size() && read.length >= 2 * pairs.size(); pair++) {
            long s = read[pair * 2];
            long d = read[pair * 2 + 1];
            boolean started = s + d > 0;
            boolean done = s >= estimated[pair * 2] && d >= estimated[pair * 2 + 1];
            if (started && !done && shown++ < MAX_NAMESPACE_LINES) {
                out.printf(
                        "  %s: source %,d of ~%,d, destination %,d of ~%,d%n",
                        pairs.get(pair).label(),
                        s,
                        estimated[pair * 2],
                        d,
                        estimated[pair * 2 + 1]);
            }
        }
        out.flush();
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }
}
