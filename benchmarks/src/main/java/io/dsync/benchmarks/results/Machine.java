package io.dsync.benchmarks.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a figure was measured on: cores, memory, CPU model, JDK. */
public record Machine(int cores, long memoryBytes, String cpu, String jdk, String os) {

    /** This machine. */
    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                memTotal(),
                cpuModel(),
                System.getProperty("java.vm.vendor")
                        + " "
                        + System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** One line for people: "2 cores (Intel ...), 23.4 GiB, OpenJDK ... 17.0.15". */
    public String describe() {
        return String.format(
                "%d cores (%s), %.1f GiB memory, %s, %s",
                cores, cpu, memoryBytes / (1024.0 * 1024 * 1024), jdk, os);
    }

    /** As a JSON object. */
    public String toJson() {
        return "{\"cores\":"
                + cores
                + ",\"memoryBytes\":"
                + memoryBytes
                + ",\"cpu\":"
                + Json.string(cpu)
                + ",\"jdk\":"
                + Json.string(jdk)
                + ",\"os\":"
                + Json.string(os)
                + "}";
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }
}
