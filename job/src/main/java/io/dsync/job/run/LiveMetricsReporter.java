package io.dsync.job.run;

import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.runtime.metrics.dump.QueryScopeInfo;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

/**
 * Hands the operator metrics of a local run's MiniCluster to its {@link LiveMetrics} (named by the
 * reporter's {@code instance} setting), as Flink registers and removes them. Other metrics (job
 * manager, task manager, task level) are not the status view's and are left out.
 */
public final class LiveMetricsReporter implements MetricReporter {

    static final String NAME = "dsync_live";
    static final String INSTANCE = "instance";

    /**
     * How Flink's metric query service (and so its REST API) writes operator and group names: ' ',
     * '.', ':' and ',' as '_'. The same filter must be used here, as a group keeps the first one it
     * is asked with.
     */
    private static final CharacterFilter FILTER = LiveMetricsReporter::filter;

    private LiveMetrics metrics;

    /** Configures {@code conf} to start this reporter for {@code metrics}. */
    static void configure(Configuration conf, LiveMetrics metrics) {
        String prefix = "metrics.reporter." + NAME + ".";
        conf.setString(prefix + "factory.class", Factory.class.getName());
        conf.setString(prefix + INSTANCE, metrics.id());
        String included = conf.getString("metrics.reporters", null);
        if (included != null && !included.isBlank()) {
            // a list of reporters to start leaves out the others: add this one
            conf.setString("metrics.reporters", included + "," + NAME);
        }
    }

    static String filter(String name) {
        return name.replace(' ', '_').replace('.', '_').replace(':', '_').replace(',', '_');
    }

    @Override
    public void open(MetricConfig config) {
        metrics = LiveMetrics.instance(config.getString(INSTANCE, ""));
    }

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        QueryScopeInfo.OperatorQueryScopeInfo scope = operatorScope(group);
        if (metrics != null && scope != null) {
            metrics.added(slot(scope, metricName), scope.attemptNumber, metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        QueryScopeInfo.OperatorQueryScopeInfo scope = operatorScope(group);
        if (metrics != null && scope != null) {
            metrics.removed(slot(scope, metricName), metric);
        }
    }

    private static LiveMetrics.Slot slot(
            QueryScopeInfo.OperatorQueryScopeInfo scope, String metricName) {
        String name = scope.scope.isEmpty() ? metricName : scope.scope + "." + metricName;
        return new LiveMetrics.Slot(
                scope.jobID, scope.vertexID, scope.subtaskIndex, scope.operatorName, name);
    }

    /** The operator, subtask and group path of an operator metric's group; null for others. */
    private static QueryScopeInfo.OperatorQueryScopeInfo operatorScope(MetricGroup group) {
        MetricGroup wrapped =
                group instanceof LogicalScopeProvider provider
                        ? provider.getWrappedMetricGroup()
                        : group;
        if (wrapped instanceof AbstractMetricGroup<?> flinkGroup
                && flinkGroup.getQueryServiceMetricInfo(FILTER)
                        instanceof QueryScopeInfo.OperatorQueryScopeInfo operator) {
            return operator;
        }
        return null;
    }

    /** Creates the reporter; Flink finds it through {@code metrics.reporter.NAME.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new LiveMetricsReporter();
        }
    }
}
