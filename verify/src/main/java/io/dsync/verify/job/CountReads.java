package io.dsync.verify.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Passes digests through and counts them per (pair, side) in the accumulator {@value #NAME} (index
 * {@code pair * 2 + side}), which the client polls for progress.
 */
final class CountReads extends RichMapFunction<DigestRecord, DigestRecord> {

    private static final long serialVersionUID = 1L;

    static final String NAME = "dsync-verify-documents-read";

    private final int pairs;
    private transient LongArrayAccumulator read;

    CountReads(int pairs) {
        this.pairs = pairs;
    }

    @Override
    public void open(OpenContext openContext) {
        read = new LongArrayAccumulator(pairs * 2);
        getRuntimeContext().addAccumulator(NAME, read);
    }

    @Override
    public DigestRecord map(DigestRecord record) {
        read.increment(record.pair * 2 + (record.onSource() ? 0 : 1));
        return record;
    }
}
