package io.dsync.verify.job;

import java.util.List;

/**
 * What comparing one {@code _id} range of one namespace pair found since its last report: how many
 * documents were read on each side, how many {@code _id}s got each {@link Outcome}, and those
 * differences in full (at most the job's limit per range; the counts stay exact). A range reports
 * after every batch it reads, so that progress is live; its reports add up to its outcome. Made by
 * a {@link RangeJoin}, serialized by {@link ComparedRangeSerializer}.
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
