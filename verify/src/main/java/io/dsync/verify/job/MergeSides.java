package io.dsync.verify.job;

import org.apache.flink.api.common.functions.ReduceFunction;

/** Merges the records of one key: presence bits and each side's digest. */
final class MergeSides implements ReduceFunction<DigestRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public DigestRecord reduce(DigestRecord a, DigestRecord b) {
        DigestRecord merged = DigestRecordSerializer.INSTANCE.copy(a);
        merged.presence = (byte) (a.presence | b.presence);
        if (b.onSource()) {
            merged.sourceHigh = b.sourceHigh;
            merged.sourceLow = b.sourceLow;
        }
        if (b.onDestination()) {
            merged.destinationHigh = b.destinationHigh;
            merged.destinationLow = b.destinationLow;
        }
        return merged;
    }
}
