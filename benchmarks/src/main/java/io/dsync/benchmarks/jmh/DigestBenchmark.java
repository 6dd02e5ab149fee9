package io.dsync.benchmarks.jmh;

import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.verify.CompareMode;
import io.dsync.verify.bson.Digest128;
import io.dsync.verify.bson.DocumentDigester;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verify's per-document digest ({@link DocumentDigester}), one core: over the raw bytes (the
 * default) and over the canonical form ({@code --ignore-field-order}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DigestBenchmark {

    @Param({"1024"})
    public int size;

    private byte[] document;
    private DocumentDigester raw;
    private DocumentDigester canonical;

    @Setup
    public void setUp() {
        document = IdKey.bytesOf(new BenchDocuments(10, size).document(1, 12345));
        raw = new DocumentDigester(CompareMode.RAW_BYTES);
        canonical = new DocumentDigester(CompareMode.IGNORE_FIELD_ORDER);
    }

    @Benchmark
    public Digest128 digestRawBytes() {
        return raw.digest(document);
    }

    @Benchmark
    public Digest128 digestIgnoreFieldOrder() {
        return canonical.digest(document);
    }
}
