package io.dsync.benchmarks.process;

/**
 * What one process used while it was watched.
 *
 * @param peakRssBytes the highest {@code VmHWM} seen (0 when never sampled)
 * @param cpuSeconds user + system CPU time, seconds
 * @param wallSeconds time from start to exit (or to the end of the watch), seconds
 */
public record ProcessUsage(long peakRssBytes, double cpuSeconds, double wallSeconds) {

    /** Average cores busy over the wall time. */
    public double cores() {
        return wallSeconds <= 0 ? 0 : cpuSeconds / wallSeconds;
    }

    public double peakRssMiB() {
        return peakRssBytes / (1024.0 * 1024.0);
    }
}
