package io.dsync.benchmarks.jmh;

import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecordSerializer;
import io.dsync.connectors.source.snapshot.IdKey;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Raw BSON handling per record, one core: the {@code _id} key of a snapshot document ({@link
 * IdKey}) and a {@link ChangeRecordSerializer} round trip (what every record pays at the shuffle).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawBsonBenchmark {

    /** Document size in bytes. */
    @Param({"1024"})
    public int size;

    private byte[] objectIdDocument;
    private byte[] stringIdDocument;
    private ChangeRecord record;
    private final DataOutputSerializer out = new DataOutputSerializer(64 * 1024);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup
    public void setUp() {
        BenchDocuments documents = new BenchDocuments(10, size);
        objectIdDocument = IdKey.bytesOf(documents.document(1, 12345));
        stringIdDocument = IdKey.bytesOf(documents.document(0, 3)); // c0, seq 3: a string _id
        record = ChangeRecord.snapshot("bench.c1", IdKey.of(objectIdDocument), objectIdDocument);
    }

    @Benchmark
    public byte[] idKeyObjectId() {
        return IdKey.of(objectIdDocument);
    }

    @Benchmark
    public byte[] idKeyString() {
        return IdKey.of(stringIdDocument);
    }

    @Benchmark
    public ChangeRecord serializerRoundTrip() throws IOException {
        out.clear();
        ChangeRecordSerializer.INSTANCE.serialize(record, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return ChangeRecordSerializer.INSTANCE.deserialize(in);
    }
}
