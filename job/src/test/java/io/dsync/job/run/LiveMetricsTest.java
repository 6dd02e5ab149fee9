package io.dsync.job.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveMetricsTest {

    private static final JobID JOB = new JobID();
    private static final String SOURCE = "Source__MongoDB_source";
    private static final String SINK = "MongoDB_destination__Writer";

    private final LiveMetrics metrics = LiveMetrics.create();

    @AfterEach
    void close() {
        metrics.close();
    }

    private static LiveMetrics.Slot slot(int subtask, String operator, String name) {
        return new LiveMetrics.Slot(JOB.toString(), "vertex", subtask, operator, name);
    }

    private static SimpleCounter counter(long count) {
        SimpleCounter counter = new SimpleCounter();
        counter.inc(count);
        return counter;
    }

    @Test
    void aggregatesTheCurrentValuesOfAnOperatorsSubtasks() throws Exception {
        SimpleCounter first = counter(10);
        metrics.added(slot(0, SOURCE, "dsync.snapshotDocumentsRead"), 0, first);
        metrics.added(slot(1, SOURCE, "dsync.snapshotDocumentsRead"), 0, counter(5));
        metrics.added(slot(0, SOURCE, "dsync.lagSeconds"), 0, (Gauge<Long>) () -> 3L);
        metrics.added(slot(1, SOURCE, "dsync.lagSeconds"), 0, (Gauge<Long>) () -> 7L);
        metrics.added(slot(0, SINK, "documentsWritten"), 0, counter(4));
        JobFigures figures = metrics.of(JOB);

        first.inc(100); // read when asked, not when registered

        assertThat(figures.operator("MongoDB source", "sum", "dsync.snapshotDocumentsRead"))
                .containsExactly(entry("dsync.snapshotDocumentsRead", 115.0));
        assertThat(figures.operator("MongoDB source", "max", "dsync.lagSeconds", "absent"))
                .containsExactly(entry("dsync.lagSeconds", 7.0));
        assertThat(figures.operator("MongoDB source", "min", "dsync.lagSeconds"))
                .containsExactly(entry("dsync.lagSeconds", 3.0));
        assertThat(figures.operator("MongoDB destination", "sum", "documentsWritten"))
                .containsExactly(entry("documentsWritten", 4.0));
        assertThat(metrics.of(new JobID()).operator("MongoDB source", "sum", "dsync.lagSeconds"))
                .isEmpty();
    }

    @Test
    void keepsTheLastValueOfAMetricWhoseTaskEndedUntilANewAttemptRegistersIt() throws Exception {
        SimpleCounter ended = counter(40);
        LiveMetrics.Slot read = slot(0, SOURCE, "dsync.snapshotDocumentsRead");
        metrics.added(read, 0, ended);
        metrics.added(slot(1, SOURCE, "dsync.snapshotDocumentsRead"), 0, counter(2));

        metrics.removed(read, ended);
        ended.inc(1_000); // no longer the task's

        JobFigures figures = metrics.of(JOB);
        assertThat(figures.operator("MongoDB source", "sum", "dsync.snapshotDocumentsRead"))
                .containsExactly(entry("dsync.snapshotDocumentsRead", 42.0));

        metrics.added(read, 1, counter(1)); // restarted
        metrics.added(read, 0, counter(99)); // a late registration of the old attempt is ignored
        assertThat(figures.operator("MongoDB source", "sum", "dsync.snapshotDocumentsRead"))
                .containsExactly(entry("dsync.snapshotDocumentsRead", 3.0));
    }

    @Test
    void matchesMetricsByFragmentAndSuffixInEachAggregate() throws Exception {
        metrics.added(slot(0, SOURCE, "dsync.namespace.db_a.snapshotDocumentsRead"), 0, counter(1));
        metrics.added(slot(1, SOURCE, "dsync.namespace.db_a.snapshotDocumentsRead"), 0, counter(2));
        metrics.added(
                slot(0, SOURCE, "dsync.namespace.db_a.rangesTotal"), 0, (Gauge<Integer>) () -> 4);
        metrics.added(slot(0, SOURCE, "dsync.snapshotDocumentsRead"), 0, counter(3));

        Map<String, Map<String, Double>> found =
                metrics.of(JOB)
                        .matching(
                                "MongoDB source",
                                "dsync.namespace.",
                                List.of(".snapshotDocumentsRead", ".rangesTotal"),
                                List.of("sum", "max"));

        assertThat(found.get("sum"))
                .containsOnly(
                        entry("dsync.namespace.db_a.snapshotDocumentsRead", 3.0),
                        entry("dsync.namespace.db_a.rangesTotal", 4.0));
        assertThat(found.get("max"))
                .containsEntry("dsync.namespace.db_a.snapshotDocumentsRead", 2.0);
    }

    @Test
    void aGaugeThatFailsToAnswerIsLeftOut() throws Exception {
        metrics.added(
                slot(0, SOURCE, "dsync.lagSeconds"),
                0,
                (Gauge<Long>)
                        () -> {
                            throw new IllegalStateException("closed");
                        });
        metrics.added(slot(1, SOURCE, "dsync.lagSeconds"), 0, (Gauge<Long>) () -> 2L);

        assertThat(metrics.of(JOB).operator("MongoDB source", "max", "dsync.lagSeconds"))
                .containsExactly(entry("dsync.lagSeconds", 2.0));
    }

    @Test
    void aClosedStoreIsNoLongerFound() {
        assertThat(LiveMetrics.instance(metrics.id())).isSameAs(metrics);

        metrics.close();

        assertThat(LiveMetrics.instance(metrics.id())).isNull();
    }

    @Test
    void namesAreWrittenAsFlinksMetricQueryServiceWritesThem() {
        assertThat(LiveMetricsReporter.filter("Source: MongoDB source")).isEqualTo(SOURCE);
        assertThat(LiveMetricsReporter.filter("db.a b,c")).isEqualTo("db_a_b_c");
    }
}
