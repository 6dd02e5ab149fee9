package io.dsync.benchmarks.results;

/**
 * A performance target and whether this run met it.
 *
 * @param scenario the scenario it belongs to
 * @param target what is required, e.g. "copy >= 1.5x the single-threaded driver loop"
 * @param measured what was measured, e.g. "1.72x"
 * @param pass whether the target was met
 * @param bound when missed (or when worth saying): what bounds the figure
 */
public record TargetCheck(
        String scenario, String target, String measured, boolean pass, String bound) {

    public String verdict() {
        return pass ? "PASS" : "MISS";
    }
}
