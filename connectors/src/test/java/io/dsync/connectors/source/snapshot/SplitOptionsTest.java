package io.dsync.connectors.source.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitOptionsTest {

    @Test
    void derivesDocumentsPerRangeFromSizes() {
        SplitOptions defaults = SplitOptions.defaults();
        assertThat(defaults.documentsPerRange(1024)).isEqualTo(65_536);
        assertThat(defaults.documentsPerRange(0))
                .as("unknown size: 1 KiB assumed")
                .isEqualTo(65_536);
        assertThat(defaults.documentsPerRange(10L * 1024 * 1024)).as("minimum").isEqualTo(1_000);
        assertThat(SplitOptions.builder().documentsPerRange(7).build().documentsPerRange(100))
                .isEqualTo(7);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> SplitOptions.builder().targetRangeBytes(0).build())
                .hasMessageContaining("targetRangeBytes");
        assertThatThrownBy(() -> SplitOptions.builder().documentsPerRange(-1).build())
                .hasMessageContaining("documentsPerRange");
    }
}
