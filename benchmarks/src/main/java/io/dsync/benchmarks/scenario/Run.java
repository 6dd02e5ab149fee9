package io.dsync.benchmarks.scenario;

import io.dsync.benchmarks.process.ProcessUsage;
import java.util.Locale;
import java.util.Map;

/**
 * One measured process run.
 *
 * @param name who ran (e.g. "dsync migrate p2", "driver loop")
 * @param exitCode the process's exit code
 * @param usage the process's own CPU, peak RSS and wall time (start to exit)
 * @param startupSeconds process start to the first document at the destination; NaN when not
 *     watched
 * @param lastDocumentSeconds process start to the moment the destination held every document; NaN
 *     when not watched
 * @param sourceCpuSeconds CPU the source server used meanwhile
 * @param destinationCpuSeconds CPU the destination server used meanwhile
 * @param result the process's {@code RESULT} line, when it printed one
 * @param jfr the process's flight recording summary, when it was recorded
 */
public record Run(
        String name,
        int exitCode,
        ProcessUsage usage,
        double startupSeconds,
        double lastDocumentSeconds,
        double sourceCpuSeconds,
        double destinationCpuSeconds,
        Map<String, String> result,
        String jfr) {

    public double wallSeconds() {
        return usage.wallSeconds();
    }

    /**
     * Documents per second from the first document at the destination to the last: the copy's
     * steady rate, without the process's start and end; NaN when not watched.
     */
    public double copyingRate(long documents) {
        return documents / (lastDocumentSeconds - startupSeconds);
    }

    /** A result value as a number; NaN when absent. */
    public double resultValue(String key) {
        String value = result.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    /** "job 1.2 cores, source server 0.4, destination server 0.3 (of 2)" over the wall time. */
    public String cpuSplit(int cores) {
        double wall = usage.wallSeconds();
        return String.format(
                Locale.ROOT,
                "%s %.2f cores, source server %.2f, destination server %.2f (of %d)",
                name,
                usage.cpuSeconds() / wall,
                sourceCpuSeconds / wall,
                destinationCpuSeconds / wall,
                cores);
    }
}
