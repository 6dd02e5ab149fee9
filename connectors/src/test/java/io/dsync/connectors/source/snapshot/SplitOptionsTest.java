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
    void capsADerivedNumberOfDocumentsButNotAFixedOne() {
        SplitOptions capped = SplitOptions.builder().maxDocumentsPerRange(10_000).build();
        assertThat(capped.documentsPerRange(1024)).isEqualTo(10_000);
        assertThat(capped.documentsPerRange(64 * 1024)).isEqualTo(1_024);
        assertThat(
                        SplitOptions.builder()
                                .maxDocumentsPerRange(10_000)
                                .documentsPerRange(50_000)
                                .build()
                                .documentsPerRange(1024))
                .isEqualTo(50_000);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> SplitOptions.builder().targetRangeBytes(0).build())
                .hasMessageContaining("targetRangeBytes");
        assertThatThrownBy(() -> SplitOptions.builder().documentsPerRange(-1).build())
                .hasMessageContaining("documentsPerRange");
        assertThatThrownBy(() -> SplitOptions.builder().maxDocumentsPerRange(999).build())
                .hasMessageContaining("maxDocumentsPerRange");
    }
}
