package io.dsync.benchmarks.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads one Linux process's figures from {@code /proc}: peak resident set size ({@code VmHWM} in
 * {@code /proc/<pid>/status}) and CPU time ({@code utime + stime} in {@code /proc/<pid>/stat}).
 *
 * @see <a
 *     href="https://man7.org/linux/man-pages/man5/proc_pid_status.5.html">proc_pid_status(5)</a>
 * @see <a href="https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html">proc_pid_stat(5)</a>
 */
public final class ProcStats {

    /** Kernel clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux we know. */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcStats() {}

    /** Peak resident set size in bytes, empty when the process is gone. */
    public static OptionalLong peakRssBytes(long pid) {
        return readKilobytes(pid, "VmHWM:");
    }

    /** Current resident set size in bytes, empty when the process is gone. */
    public static OptionalLong rssBytes(long pid) {
        return readKilobytes(pid, "VmRSS:");
    }

    /** CPU time (user + system) in clock ticks, empty when the process is gone. */
    public static OptionalLong cpuTicks(long pid) {
        try {
            return OptionalLong.of(
                    parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Clock ticks as seconds. */
    public static double ticksToSeconds(long ticks) {
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /**
     * {@code utime + stime} from a {@code /proc/<pid>/stat} line. The command name (field 2) is in
     * parentheses and may contain spaces, so fields are counted after its closing parenthesis:
     * utime and stime are fields 14 and 15.
     */
    static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** A {@code Name: 1234 kB} value of {@code /proc/<pid>/status}, in bytes. */
    static OptionalLong parseKilobytes(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong readKilobytes(long pid, String key) {
        try {
            return parseKilobytes(
                    Files.readString(Path.of("/proc", Long.toString(pid), "status")), key);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
