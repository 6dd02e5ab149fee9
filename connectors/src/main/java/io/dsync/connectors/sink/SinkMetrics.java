package io.dsync.connectors.sink;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The writer's metrics: totals on the writer's group, and per destination namespace the document
 * counts under the subgroup {@code namespace=<db.coll>}.
 */
public final class SinkMetrics {

    public static final String DOCUMENTS_WRITTEN = "documentsWritten";
    public static final String DOCUMENTS_DELETED = "documentsDeleted";
    public static final String SNAPSHOT_DOCUMENTS_WRITTEN = "snapshotDocumentsWritten";
    public static final String WRITE_BATCHES = "writeBatches";
    public static final String WRITE_RETRIES = "writeRetries";
    public static final String RATE_LIMIT_WAIT_MILLIS = "rateLimitWaitMillis";
    public static final String INSERTS_REPLACED = "insertsFoundExisting";
    public static final String NAMESPACE_GROUP = "namespace";

    private final MetricGroup group;
    private final Counter recordsSent;
    private final Counter documentsWritten;
    private final Counter documentsDeleted;
    private final Counter snapshotDocumentsWritten;
    private final Counter writeBatches;
    private final Counter writeRetries;
    private final Counter rateLimitWaitMillis;
    private final Counter insertsReplaced;
    private final Map<Namespace, Counter[]> perNamespace = new HashMap<>();

    /**
     * @param recordsSent Flink's standard {@code numRecordsSend} counter of the sink writer, or
     *     null
     */
    SinkMetrics(MetricGroup group, Counter recordsSent) {
        this.group = group;
        this.recordsSent = recordsSent;
        this.documentsWritten = group.counter(DOCUMENTS_WRITTEN);
        this.documentsDeleted = group.counter(DOCUMENTS_DELETED);
        this.snapshotDocumentsWritten = group.counter(SNAPSHOT_DOCUMENTS_WRITTEN);
        this.writeBatches = group.counter(WRITE_BATCHES);
        this.writeRetries = group.counter(WRITE_RETRIES);
        this.rateLimitWaitMillis = group.counter(RATE_LIMIT_WAIT_MILLIS);
        this.insertsReplaced = group.counter(INSERTS_REPLACED);
    }

    /** Counts records the destination has acknowledged. */
    void written(Namespace destination, Collection<ChangeRecord> records) {
        long upserts = 0;
        long snapshots = 0;
        long deletes = 0;
        for (ChangeRecord record : records) {
            if (record.kind() == ChangeRecord.Kind.DELETE) {
                deletes++;
            } else {
                upserts++;
                if (record.kind() == ChangeRecord.Kind.SNAPSHOT) {
                    snapshots++;
                }
            }
        }
        documentsWritten.inc(upserts);
        documentsDeleted.inc(deletes);
        snapshotDocumentsWritten.inc(snapshots);
        if (recordsSent != null) {
            recordsSent.inc(upserts + deletes);
        }
        Counter[] namespaceCounters =
                perNamespace.computeIfAbsent(
                        destination,
                        d -> {
                            MetricGroup ns = group.addGroup(NAMESPACE_GROUP, d.fullName());
                            return new Counter[] {
                                ns.counter(DOCUMENTS_WRITTEN), ns.counter(DOCUMENTS_DELETED)
                            };
                        });
        namespaceCounters[0].inc(upserts);
        namespaceCounters[1].inc(deletes);
    }

    /** Counts copies and inserts whose document was already there (written as replacements). */
    void insertsReplaced(int count) {
        insertsReplaced.inc(count);
    }

    void batchWritten() {
        writeBatches.inc();
    }

    void retried() {
        writeRetries.inc();
    }

    void rateLimitWaited(long millis) {
        rateLimitWaitMillis.inc(millis);
    }
}
