package io.dsync.verify.job;

import java.util.Arrays;
import org.apache.flink.api.common.functions.ReduceFunction;

/**
 * Merges the records of one key: presence bits and each side's digest. The key is a hash of the
 * {@code _id}; records of two different {@code _id} values sharing it are refused, never merged.
 */
final class MergeSides implements ReduceFunction<DigestRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public DigestRecord reduce(DigestRecord a, DigestRecord b) {
        if (!Arrays.equals(a.id, b.id)) {
            throw new IllegalStateException(
                    "two different _id values of namespace pair "
                            + a.pair
                            + " share one 128-bit key hash, which the comparison cannot tell"
                            + " apart; this is not expected ever to happen: please report it");
        }
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
