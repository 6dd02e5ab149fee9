package io.dsync.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JfrSummaryTest {

    @Test
    void framesAndThreadsAreShortened() {
        assertThat(JfrSummary.method("org.bson.io.ByteBufferBsonInput.readBytes(int) line: 12"))
                .isEqualTo("org.bson.io.ByteBufferBsonInput.readBytes");
        assertThat(JfrSummary.threadName("\"pool-1-thread-3\" (javaThreadId = 42)"))
                .isEqualTo("pool-1-thread-N");
    }

    @Test
    void aMissingRecordingSaysSo() {
        assertThat(JfrSummary.of(Path.of("/nonexistent.jfr"), 5))
                .startsWith("(no flight recording");
    }
}
