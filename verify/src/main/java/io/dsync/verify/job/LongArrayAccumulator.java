package io.dsync.verify.job;

import java.util.Arrays;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * A fixed-size array of counters, summed element-wise across subtasks. Used for per-namespace
 * counts: one accumulator instead of one per namespace.
 */
public final class LongArrayAccumulator implements Accumulator<Integer, long[]> {

    private static final long serialVersionUID = 1L;

    private long[] counts;

    public LongArrayAccumulator(int size) {
        this.counts = new long[size];
    }

    /** Adds one to counter {@code index}. */
    public void increment(int index) {
        counts[index]++;
    }

    /** Adds {@code amount} to counter {@code index}. */
    public void add(int index, long amount) {
        counts[index] += amount;
    }

    @Override
    public void add(Integer index) {
        increment(index);
    }

    @Override
    public long[] getLocalValue() {
        return counts.clone();
    }

    @Override
    public void resetLocal() {
        Arrays.fill(counts, 0);
    }

    @Override
    public void merge(Accumulator<Integer, long[]> other) {
        long[] theirs = other.getLocalValue();
        if (theirs.length > counts.length) {
            counts = Arrays.copyOf(counts, theirs.length);
        }
        for (int i = 0; i < theirs.length; i++) {
            counts[i] += theirs[i];
        }
    }

    @Override
    public LongArrayAccumulator clone() {
        LongArrayAccumulator copy = new LongArrayAccumulator(0);
        copy.counts = counts.clone();
        return copy;
    }

    @Override
    public String toString() {
        return "LongArrayAccumulator" + Arrays.toString(counts);
    }
}
