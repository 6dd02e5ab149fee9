package io.dsync.benchmarks.load;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a list of values (nearest rank). */
public final class Percentiles {

    private Percentiles() {}

    /** The {@code p}th percentile (0 < p ≤ 100) by nearest rank; NaN for no values. */
    public static double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
