package io.dsync.benchmarks.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void theLastResultLineOfTheOutputIsParsed() {
        List<String> output =
                List.of(
                        "starting",
                        "RESULT documents=5",
                        "noise",
                        "RESULT documents=10 insertSeconds=1.5");
        assertThat(ResultLine.last(output))
                .hasValueSatisfying(
                        values ->
                                assertThat(values)
                                        .containsEntry("documents", "10")
                                        .containsEntry("insertSeconds", "1.5"));
        assertThat(ResultLine.last(List.of("nothing"))).isEmpty();
    }
}
