package io.dsync.benchmarks.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one line a baseline process prints for the suite: {@code RESULT key=value key=value}. */
public final class ResultLine {

    static final String PREFIX = "RESULT ";

    private ResultLine() {}

    /** Prints a result line to stdout. */
    static void print(Map<String, ?> values) {
        StringBuilder line = new StringBuilder(PREFIX);
        values.forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
        System.out.println(line.toString().trim());
        System.out.flush();
    }

    /** Whether an output line is a result line. */
    public static boolean isResult(String line) {
        return line.startsWith(PREFIX);
    }

    /** The values of a result line. */
    public static Map<String, String> parse(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    /** The last result line of a process's output. */
    public static Optional<Map<String, String>> last(Iterable<String> output) {
        Map<String, String> found = null;
        for (String line : output) {
            if (isResult(line)) {
                found = parse(line);
            }
        }
        return Optional.ofNullable(found);
    }
}
