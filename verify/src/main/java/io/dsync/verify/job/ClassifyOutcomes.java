package io.dsync.verify.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Counts the outcome of every merged key per pair in the accumulator {@value #NAME} (index {@code
 * pair * 4 + outcome}) and passes on mismatches only, at most {@code maxEmitted} per subtask (the
 * counts stay exact), so that only a bounded number of {@code _id}s travel to the client.
 */
final class ClassifyOutcomes extends RichFlatMapFunction<DigestRecord, DigestRecord> {

    private static final long serialVersionUID = 1L;

    static final String NAME = "dsync-verify-outcomes";

    private final int pairs;
    private final int maxEmitted;
    private transient LongArrayAccumulator outcomes;
    private transient int emitted;

    ClassifyOutcomes(int pairs, int maxEmitted) {
        this.pairs = pairs;
        this.maxEmitted = maxEmitted;
    }

    @Override
    public void open(OpenContext openContext) {
        outcomes = new LongArrayAccumulator(pairs * Outcome.count());
        getRuntimeContext().addAccumulator(NAME, outcomes);
    }

    @Override
    public void flatMap(DigestRecord record, Collector<DigestRecord> out) {
        Outcome outcome = record.outcome();
        outcomes.increment(record.pair * Outcome.count() + outcome.ordinal());
        if (outcome != Outcome.MATCHED && emitted < maxEmitted) {
            emitted++;
            out.collect(record);
        }
    }
}
