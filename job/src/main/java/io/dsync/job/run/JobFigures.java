package io.dsync.job.run;

import java.util.List;
import java.util.Map;

/**
 * A running job's metrics by operator, as the status view reads them: in this process ({@link
 * LiveMetrics}) or through a cluster's REST API ({@link JobMetrics}).
 */
public interface JobFigures {

    /**
     * Aggregates of the metrics {@code names} (relative to the operator: {@code
     * dsync.lagSeconds}...) of the operator whose name contains {@code operator}, as {@code agg}
     * ("sum", "max", "min") over its subtasks. Names not (yet) registered are left out.
     */
    Map<String, Double> operator(String operator, String agg, String... names) throws Exception;

    /**
     * Every metric of the operator whose id contains {@code fragment} and ends with one of {@code
     * suffixes}, aggregated over the subtasks in each of {@code aggs}: aggregate → metric id →
     * value.
     */
    Map<String, Map<String, Double>> matching(
            String operator, String fragment, List<String> suffixes, List<String> aggs)
            throws Exception;
}
