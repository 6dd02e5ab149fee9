package io.dsync.benchmarks.results;

/**
 * One measured figure.
 *
 * @param scenario copy, cdc, verify, scaling, jmh
 * @param name what was measured and by whom, e.g. "dsync migrate: docs/s"
 * @param value the figure
 * @param unit docs/s, MB/s, s, MiB, ops/s...
 * @param baseline the name of the baseline the ratio is against; null when there is none
 * @param ratio value / baseline value (for times: baseline / value, so above 1 is better); null
 *     when there is no baseline
 */
public record Figure(
        String scenario, String name, double value, String unit, String baseline, Double ratio) {

    public static Figure of(String scenario, String name, double value, String unit) {
        return new Figure(scenario, name, value, unit, null, null);
    }

    /** A figure compared with a baseline figure (higher is better for both). */
    public static Figure against(
            String scenario,
            String name,
            double value,
            String unit,
            String baseline,
            double baselineValue) {
        return new Figure(
                scenario,
                name,
                value,
                unit,
                baseline,
                baselineValue > 0 ? value / baselineValue : null);
    }

    /** One JSON line. */
    public String toJson(Machine machine, String date) {
        return "{\"scenario\":"
                + Json.string(scenario)
                + ",\"name\":"
                + Json.string(name)
                + ",\"value\":"
                + Json.number(value)
                + ",\"unit\":"
                + Json.string(unit)
                + ",\"baseline\":"
                + Json.string(baseline)
                + ",\"baselineRatio\":"
                + Json.number(ratio)
                + ",\"date\":"
                + Json.string(date)
                + ",\"machine\":"
                + machine.toJson()
                + "}";
    }
}
