package io.dsync.verify.job;

import java.util.List;

/**
 * What comparing one {@code _id} range of one namespace pair found: how many documents each side
 * had in it, how many {@code _id}s had each {@link Outcome}, and the first differences in full (at
 * most the job's limit; the counts stay exact). Made by a {@link RangeJoin}, serialized by {@link
 * ComparedRangeSerializer}.
 */
public record ComparedRange(
        int pair,
        long sourceDocuments,
        long destinationDocuments,
        long[] outcomes,
        List<DigestRecord> differences) {

    public ComparedRange {
        if (outcomes.length != Outcome.count()) {
            throw new IllegalArgumentException(
                    "one count per outcome expected, not " + outcomes.length);
        }
        outcomes = outcomes.clone();
        differences = List.copyOf(differences);
    }

    public long outcome(Outcome outcome) {
        return outcomes[outcome.ordinal()];
    }

    @Override
    public long[] outcomes() {
        return outcomes.clone();
    }
}
