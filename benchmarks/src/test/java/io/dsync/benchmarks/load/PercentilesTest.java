package io.dsync.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }
        assertThat(Percentiles.of(values, 50)).isEqualTo(50.0);
        assertThat(Percentiles.of(values, 99)).isEqualTo(99.0);
        assertThat(Percentiles.of(values, 100)).isEqualTo(100.0);
        assertThat(Percentiles.of(List.of(7.0), 99)).isEqualTo(7.0);
        assertThat(Percentiles.of(List.of(), 50)).isNaN();
    }
}
