package io.dsync.verify.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Adds up the compared ranges per pair in two accumulators, which the client polls for progress and
 * reads at the end: {@value #READ} (documents read, index {@code pair * 2 + side}) and {@value
 * #OUTCOMES} (index {@code pair * 4 + outcome}). Passes on the differences, at most {@code
 * maxEmitted} per subtask (the counts stay exact), so that only a bounded number of {@code _id}s
 * travel to the client.
 */
final class TallyRanges extends RichFlatMapFunction<ComparedRange, DigestRecord> {

    private static final long serialVersionUID = 1L;

    static final String READ = "dsync-verify-documents-read";
    static final String OUTCOMES = "dsync-verify-outcomes";

    private final int pairs;
    private final int maxEmitted;
    private transient LongArrayAccumulator read;
    private transient LongArrayAccumulator outcomes;
    private transient int emitted;

    TallyRanges(int pairs, int maxEmitted) {
        this.pairs = pairs;
        this.maxEmitted = maxEmitted;
    }

    @Override
    public void open(OpenContext openContext) {
        read = new LongArrayAccumulator(pairs * 2);
        outcomes = new LongArrayAccumulator(pairs * Outcome.count());
        getRuntimeContext().addAccumulator(READ, read);
        getRuntimeContext().addAccumulator(OUTCOMES, outcomes);
    }

    @Override
    public void flatMap(ComparedRange range, Collector<DigestRecord> out) {
        int pair = range.pair();
        read.add(pair * 2 + Side.SOURCE.ordinal(), range.sourceDocuments());
        read.add(pair * 2 + Side.DESTINATION.ordinal(), range.destinationDocuments());
        for (Outcome outcome : Outcome.values()) {
            outcomes.add(pair * Outcome.count() + outcome.ordinal(), range.outcome(outcome));
        }
        for (DigestRecord difference : range.differences()) {
            if (emitted == maxEmitted) {
                break;
            }
            emitted++;
            out.collect(difference);
        }
    }
}
