package io.dsync.job.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The copy's part of the status line says what an incomplete copy still waits for. */
class StatusSnapshotTest {

    private static StatusSnapshot copy(
            boolean complete, long ranges, long rangesTotal, long collections, long total) {
        return new StatusSnapshot(
                12,
                complete,
                ranges,
                rangesTotal,
                collections,
                total,
                990,
                0,
                1,
                2,
                3,
                4,
                0,
                990,
                4,
                0,
                false,
                List.of(),
                -1,
                -1);
    }

    @Test
    void rangesStillToReadAreCounted() {
        assertThat(copy(false, 2, 3, 1, 2).summary())
                .contains(" copy 2/3 ranges, 1/2 collections, 990 docs");
    }

    @Test
    void everyRangeReadButNotCompleteWaitsForIndexes() {
        assertThat(copy(false, 3, 3, 3, 3).summary())
                .contains(" copy 3/3 ranges, 3/3 collections, indexes pending, 990 docs");
    }

    @Test
    void aCompleteCopySaysSo() {
        assertThat(copy(true, 3, 3, 3, 3).summary()).contains(" copy complete, 990 docs");
        assertThat(copy(false, 0, 0, 0, 0).summary())
                .contains(" copy 0/0 ranges, 0/0 collections,");
    }
}
