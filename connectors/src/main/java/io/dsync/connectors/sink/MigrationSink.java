package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink sink (Sink V2) writing {@link ChangeRecord}s to the destination MongoDB: each record's
 * source namespace goes through the {@link io.dsync.connectors.namespace.NamespaceMapping}, and
 * each record becomes an idempotent upsert or delete by {@code _id}, batched per destination
 * namespace. At-least-once delivery with idempotent writes: a completed checkpoint means every
 * earlier record is durable at the destination.
 *
 * <p>Records of one key must reach the same writer in their order (key the stream by the {@link
 * RecordKeys} of {@link WriteOptions#recordKeys()} and keep the sink chained after the keyed
 * operator).
 *
 * <p>Metrics on each writer's group: {@value SinkMetrics#DOCUMENTS_WRITTEN}, {@value
 * SinkMetrics#DOCUMENTS_DELETED}, {@value SinkMetrics#SNAPSHOT_DOCUMENTS_WRITTEN}, {@value
 * SinkMetrics#WRITE_BATCHES}, {@value SinkMetrics#WRITE_RETRIES}, {@value
 * SinkMetrics#RATE_LIMIT_WAIT_MILLIS}, and per destination namespace the first two under the
 * subgroup {@code namespace=<db.coll>}.
 */
public final class MigrationSink implements Sink<ChangeRecord> {

    private static final long serialVersionUID = 1L;

    private final WriteOptions options;

    public MigrationSink(WriteOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public static MigrationSinkBuilder builder() {
        return new MigrationSinkBuilder();
    }

    public WriteOptions options() {
        return options;
    }

    @Override
    public SinkWriter<ChangeRecord> createWriter(WriterInitContext context) {
        SinkMetrics metrics =
                new SinkMetrics(
                        context.metricGroup(), context.metricGroup().getNumRecordsSendCounter());
        return new MigrationSinkWriter(
                options,
                context.getProcessingTimeService(),
                metrics,
                MigrationSinkWriter.createClient(options),
                writerRate(
                        options.maxWriteRate(),
                        context.getTaskInfo().getNumberOfParallelSubtasks()),
                "dsync destination writes ("
                        + (context.getTaskInfo().getIndexOfThisSubtask() + 1)
                        + "/"
                        + context.getTaskInfo().getNumberOfParallelSubtasks()
                        + ")");
    }

    /** Each writer's share of the job-wide rate limit (rounded up; 0 stays "no limit"). */
    static long writerRate(long jobRate, int parallelism) {
        return jobRate == 0 ? 0 : (jobRate + parallelism - 1) / parallelism;
    }

    /**
     * @deprecated Flink 1.20 calls {@link #createWriter(WriterInitContext)}; this one has no
     *     processing-time service to flush by delay.
     */
    @Override
    @Deprecated
    public SinkWriter<ChangeRecord> createWriter(Sink.InitContext context) {
        throw new UnsupportedOperationException(
                "MigrationSink needs Flink 1.20's createWriter(WriterInitContext)");
    }

    @Override
    public String toString() {
        return "MigrationSink{" + options + "}";
    }
}
