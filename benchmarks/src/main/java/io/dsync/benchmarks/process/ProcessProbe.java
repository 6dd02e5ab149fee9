package io.dsync.benchmarks.process;

import java.util.OptionalLong;

/**
 * Samples one process's peak RSS and CPU time every {@code 100 ms} on a daemon thread, so the last
 * figures before the process exits are kept (the kernel forgets them at exit).
 */
public final class ProcessProbe implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 100;

    private final long pid;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile long peakRss;
    private volatile long cpuTicks;
    private volatile long endNanos;
    private volatile boolean running = true;

    private ProcessProbe(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::loop, "probe-" + pid);
        this.thread.setDaemon(true);
    }

    /** Starts sampling {@code pid}. */
    public static ProcessProbe watch(long pid) {
        ProcessProbe probe = new ProcessProbe(pid);
        probe.sample();
        probe.thread.start();
        return probe;
    }

    /** CPU seconds used so far (as of the latest sample; one more sample is taken now). */
    public double cpuSecondsNow() {
        sample();
        return ProcStats.ticksToSeconds(cpuTicks);
    }

    /** Peak RSS so far, bytes. */
    public long peakRssNow() {
        sample();
        return peakRss;
    }

    /** Stops sampling and returns the figures. */
    public ProcessUsage stop() {
        if (running) {
            sample();
            running = false;
            endNanos = System.nanoTime();
            thread.interrupt();
        }
        return usage();
    }

    /** The figures so far. */
    public ProcessUsage usage() {
        long end = running ? System.nanoTime() : endNanos;
        return new ProcessUsage(
                peakRss, ProcStats.ticksToSeconds(cpuTicks), (end - startNanos) / 1e9);
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        OptionalLong hwm = ProcStats.peakRssBytes(pid);
        if (hwm.isPresent() && hwm.getAsLong() > peakRss) {
            peakRss = hwm.getAsLong();
        }
        OptionalLong ticks = ProcStats.cpuTicks(pid);
        if (ticks.isPresent() && ticks.getAsLong() > cpuTicks) {
            cpuTicks = ticks.getAsLong();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
