package io.dsync.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyOptionsTest {

    private static VerifyOptions.Builder valid() {
        return VerifyOptions.builder().sourceUri("mongodb://a").destinationUri("mongodb://b");
    }

    @Test
    void defaultsAreDefinedOnce() {
        VerifyOptions o = valid().build();
        assertThat(o.compareMode()).isEqualTo(CompareMode.RAW_BYTES);
        assertThat(o.maxReported()).isEqualTo(1000);
        assertThat(o.recheck()).isFalse();
        assertThat(o.recheckDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.recheckRounds()).isEqualTo(3);
        assertThat(o.quick()).isFalse();
        assertThat(o.reportFile()).isNull();
        assertThat(VerifyRunner.describeMode(o)).contains("raw-bytes", "without recheck");
        assertThat(VerifyRunner.describeMode(valid().quick(true).build())).startsWith("quick");
    }

    @Test
    void rejectsWrongOptionsWithTheFlagName() {
        assertThatThrownBy(() -> VerifyOptions.builder().destinationUri("mongodb://b").build())
                .hasMessageContaining("--source");
        assertThatThrownBy(() -> valid().destinationUri("http://b").build())
                .hasMessageContaining("--destination");
        assertThatThrownBy(() -> valid().quick(true).recheck(true).build())
                .hasMessageContaining("--recheck");
        assertThatThrownBy(() -> valid().recheckRounds(0).build())
                .hasMessageContaining("--recheck-rounds");
        assertThatThrownBy(() -> valid().mapRules(List.of("nonsense")).build())
                .hasMessageContaining("--map");
        assertThatThrownBy(() -> valid().maxReported(-1).build())
                .hasMessageContaining("--max-reported");
    }

    @Test
    void compareModeFlagValues() {
        assertThat(CompareMode.fromFlag("ignore-field-order"))
                .isEqualTo(CompareMode.IGNORE_FIELD_ORDER);
        assertThat(CompareMode.fromFlag("raw-bytes")).isEqualTo(CompareMode.RAW_BYTES);
        assertThatThrownBy(() -> CompareMode.fromFlag("loose")).hasMessageContaining("raw-bytes");
    }
}
