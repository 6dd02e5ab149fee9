package io.dsync.job.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;

/**
 * The operator metrics of the jobs in this process's MiniCluster, read where Flink keeps them
 * ({@link LiveMetricsReporter} hands each one over as it is registered): current values, where
 * Flink's REST API answers from a copy that a request only schedules to refresh (so a status line
 * read every 10 s showed figures 10 s old, and a finished copy's last line its totals of the
 * previous line). When a task ends, its metrics keep their last values (a finished copy's totals)
 * until a new attempt of the same subtask registers them again.
 *
 * <p>Names are the REST API's: the metric's groups below the operator and its name, with ' ', ',',
 * '.' and ':' inside a group (a namespace) written as '_' ({@code dsync.namespace.db_coll.x}).
 */
public final class LiveMetrics {

    private static final Map<String, LiveMetrics> INSTANCES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final ConcurrentMap<Slot, Reading> readings = new ConcurrentHashMap<>();

    /** One metric of one subtask of an operator. */
    record Slot(String job, String vertex, int subtask, String operator, String name) {}

    /** The metric of the newest attempt, or its last value once that attempt's task ended. */
    private record Reading(int attempt, Metric metric, double lastValue) {
        double value() {
            return metric == null ? lastValue : valueOf(metric);
        }
    }

    private LiveMetrics() {}

    /** A new, empty store, found by {@link #instance} under its {@link #id()} until closed. */
    public static LiveMetrics create() {
        LiveMetrics metrics = new LiveMetrics();
        INSTANCES.put(metrics.id, metrics);
        return metrics;
    }

    /** The store created under {@code id}, or null when there is none (any more). */
    static LiveMetrics instance(String id) {
        return INSTANCES.get(id);
    }

    public String id() {
        return id;
    }

    /** A metric was registered for {@code attempt} of the subtask; an older attempt's gives way. */
    void added(Slot slot, int attempt, Metric metric) {
        readings.merge(
                slot,
                new Reading(attempt, metric, Double.NaN),
                (old, added) -> added.attempt >= old.attempt ? added : old);
    }

    /** A metric was removed (its task ended): its last value stays. */
    void removed(Slot slot, Metric metric) {
        readings.computeIfPresent(
                slot,
                (s, reading) ->
                        reading.metric == metric
                                ? new Reading(reading.attempt, null, valueOf(metric))
                                : reading);
    }

    /** The figures of {@code job}'s operators. */
    public JobFigures of(JobID job) {
        String jobId = job.toString();
        return new JobFigures() {
            @Override
            public Map<String, Double> operator(String operator, String agg, String... names) {
                List<String> wanted = List.of(names);
                return aggregate(jobId, operator, wanted::contains, agg);
            }

            @Override
            public Map<String, Map<String, Double>> matching(
                    String operator, String fragment, List<String> suffixes, List<String> aggs) {
                Map<String, Map<String, Double>> values = new HashMap<>();
                for (String agg : aggs) {
                    Map<String, Double> found =
                            aggregate(
                                    jobId,
                                    operator,
                                    name ->
                                            name.contains(fragment)
                                                    && suffixes.stream().anyMatch(name::endsWith),
                                    agg);
                    if (!found.isEmpty()) {
                        values.put(agg, found);
                    }
                }
                return values;
            }
        };
    }

    private Map<String, Double> aggregate(
            String job, String operator, Predicate<String> names, String agg) {
        String operatorName = LiveMetricsReporter.filter(operator);
        Map<String, Double> values = new HashMap<>();
        readings.forEach(
                (slot, reading) -> {
                    if (!slot.job().equals(job)
                            || !slot.operator().contains(operatorName)
                            || !names.test(slot.name())) {
                        return;
                    }
                    double value = reading.value();
                    if (!Double.isNaN(value)) {
                        values.merge(slot.name(), value, combiner(agg));
                    }
                });
        return values;
    }

    private static BinaryOperator<Double> combiner(String agg) {
        return switch (agg) {
            case "sum" -> Double::sum;
            case "max" -> Math::max;
            case "min" -> Math::min;
            default -> throw new IllegalArgumentException("unknown aggregate: " + agg);
        };
    }

    /**
     * A counter's count, a meter's rate, a numeric or boolean gauge's value; else NaN (also for a
     * gauge that fails to answer: the status view goes on without it).
     */
    static double valueOf(Metric metric) {
        try {
            return read(metric);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double read(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getCount();
        }
        if (metric instanceof Meter meter) {
            return meter.getRate();
        }
        if (metric instanceof Gauge<?> gauge) {
            Object value = gauge.getValue();
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            if (value instanceof Boolean bool) {
                return bool ? 1 : 0;
            }
        }
        return Double.NaN;
    }

    /** Forgets this store: its reporter drops what it is handed from now on. */
    public void close() {
        INSTANCES.remove(id);
        readings.clear();
    }
}
