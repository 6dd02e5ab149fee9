package io.dsync.connectors.sink;

import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.IdKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The sink's per-record work before the bulk write, one core: adding records to {@link
 * PendingWrites} (latest per {@code _id} wins) and turning a full batch into write models ({@link
 * BatchWriter#toWriteModel}). Lives in the sink's package because both are package-private. Figures
 * are per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SinkBatchingBenchmark {

    static final int BATCH = 1000;

    private final Namespace namespace = Namespace.parse("bench.c1");
    private List<ChangeRecord> records;

    @Setup
    public void setUp() {
        BenchDocuments documents = new BenchDocuments(10, 1024);
        records = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            byte[] document = IdKey.bytesOf(documents.document(1, i));
            records.add(ChangeRecord.snapshot("bench.c1", IdKey.of(document), document));
        }
    }

    /** 1,000 records into a batch, then the batch taken (what a full batch costs before I/O). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int pendingWritesBatch() {
        PendingWrites pending =
                new PendingWrites(
                        WriteOptions.DEFAULT_MAX_BATCH_DOCUMENTS,
                        WriteOptions.DEFAULT_MAX_BATCH_BYTES,
                        RecordKeys.INSTANCE);
        for (ChangeRecord record : records) {
            pending.add(namespace, record, 0L);
        }
        return pending.take(namespace).size();
    }

    /** Write models of 1,000 records (replace-with-upsert by the raw key). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int writeModels() {
        List<Object> models = new ArrayList<>(BATCH);
        for (ChangeRecord record : records) {
            models.add(BatchWriter.toWriteModel(record));
        }
        return models.size();
    }
}
