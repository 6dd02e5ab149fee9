package io.dsync.benchmarks.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Summarizes a flight recording's CPU samples ({@code jfr print --events jdk.ExecutionSample}): the
 * methods most often on top of the stack, and which threads were sampled most, as percentages.
 */
final class JfrSummary {

    private JfrSummary() {}

    /** The summary, or a sentence saying why there is none. */
    static String of(Path recording, int top) {
        if (!Files.isRegularFile(recording)) {
            return "(no flight recording at " + recording + ")";
        }
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Map<String, Integer> frames = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        try {
            Process process =
                    new ProcessBuilder(
                                    jfr.toString(),
                                    "print",
                                    "--events",
                                    "jdk.ExecutionSample",
                                    recording.toString())
                            .redirectErrorStream(true)
                            .start();
            try (BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean topNext = false;
                while ((line = in.readLine()) != null) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("sampledThread = ")) {
                        String thread = threadName(trimmed.substring("sampledThread = ".length()));
                        threads.merge(thread, 1, Integer::sum);
                        samples++;
                    } else if (trimmed.startsWith("stackTrace = [")) {
                        topNext = true;
                    } else if (topNext) {
                        topNext = false;
                        frames.merge(method(trimmed), 1, Integer::sum);
                    }
                }
            }
            process.waitFor();
        } catch (IOException e) {
            return "(could not read " + recording + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
        if (samples == 0) {
            return "(no CPU samples in " + recording + ")";
        }
        return "top frames: "
                + top(frames, samples, top)
                + "; busiest threads: "
                + top(threads, samples, 4)
                + " ("
                + samples
                + " samples)";
    }

    /** {@code "Flink Task Thread - Source: ... (1/2)#0" (javaThreadId = 73)} → a short name. */
    static String threadName(String value) {
        String name = value;
        int paren = name.lastIndexOf(" (javaThreadId");
        if (paren > 0) {
            name = name.substring(0, paren);
        }
        name = name.replace("\"", "").replaceAll("#\\d+$", "").replaceAll("-\\d+$", "-N");
        return name.length() > 60 ? name.substring(0, 60) + "…" : name;
    }

    /** {@code org.bson.Foo.bar(int) line: 12} → {@code org.bson.Foo.bar}. */
    static String method(String frame) {
        int paren = frame.indexOf('(');
        return paren > 0 ? frame.substring(0, paren) : frame;
    }

    private static String top(Map<String, Integer> counts, int total, int n) {
        List<Map.Entry<String, Integer>> sorted =
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(n)
                        .toList();
        return sorted.stream()
                .map(
                        e ->
                                String.format(
                                        Locale.ROOT,
                                        "%s %.0f%%",
                                        e.getKey(),
                                        100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }
}
