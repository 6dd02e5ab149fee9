package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.connectors.namespace.NamespaceMapping;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteOptionsTest {

    private static WriteOptions.Builder valid() {
        return WriteOptions.builder().connectionString("mongodb://u:secret@localhost:27017");
    }

    @Test
    void defaultsComeFromOnePlace() {
        WriteOptions options = valid().build();
        assertThat(options.maxBatchDocuments()).isEqualTo(1000);
        assertThat(options.maxBatchBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(options.maxBatchDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(options.maxWriteRate()).isZero();
        assertThat(options.bypassDocumentValidation()).isFalse();
        assertThat(options.namespaceMapping()).isEqualTo(NamespaceMapping.identity());
        assertThat(options.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(options.maxBufferedBytes()).isEqualTo(WriteOptions.DEFAULT_MAX_BUFFERED_BYTES);
    }

    @Test
    void builderAndToBuilderRoundTrip() {
        WriteOptions options =
                valid().namespaceMapping(NamespaceMapping.parse("a:b"))
                        .maxBatchDocuments(10)
                        .maxBatchBytes(4096)
                        .maxBufferedBytes(8192)
                        .maxBatchDelay(Duration.ofMillis(50))
                        .maxWriteRate(100)
                        .bypassDocumentValidation(true)
                        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4)))
                        .build();
        WriteOptions copy = options.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(options.toString());
        assertThat(copy.maxWriteRate()).isEqualTo(100);
        assertThat(copy.retryPolicy().maxAttempts()).isEqualTo(3);
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(valid().build().toString())
                .contains("mongodb://u:****@localhost:27017")
                .doesNotContain("secret");
    }

    @Test
    void rejectsInvalidSettingsWithClearMessages() {
        assertThatThrownBy(() -> WriteOptions.builder().build())
                .hasMessageContaining("connection string is required");
        assertThatThrownBy(() -> WriteOptions.builder().connectionString("http://u:pw@x").build())
                .hasMessageContaining("invalid destination connection string")
                .hasMessageNotContaining(":pw@");
        assertThatThrownBy(() -> valid().maxBatchDocuments(0).build())
                .hasMessageContaining("max batch size");
        assertThatThrownBy(() -> valid().maxBatchDocuments(100_001).build())
                .hasMessageContaining("max batch size");
        assertThatThrownBy(() -> valid().maxBatchBytes(17L * 1024 * 1024).build())
                .hasMessageContaining("16 MiB");
        assertThatThrownBy(() -> valid().maxBatchBytes(10).build())
                .hasMessageContaining("max batch bytes");
        assertThatThrownBy(() -> valid().maxBufferedBytes(1024 * 1024).build())
                .hasMessageContaining("max buffered bytes");
        assertThatThrownBy(() -> valid().maxBatchDelay(Duration.ZERO).build())
                .hasMessageContaining("max batch delay");
        assertThatThrownBy(() -> valid().maxWriteRate(-1).build())
                .hasMessageContaining("write rate");
    }

    @Test
    void retryPolicyValidatesAndDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350));
        assertThat(policy.backoffBeforeRetry(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffBeforeRetry(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffBeforeRetry(3)).isEqualTo(Duration.ofMillis(350));
        assertThat(policy.backoffBeforeRetry(1000)).isEqualTo(Duration.ofMillis(350));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
                .hasMessageContaining("max attempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofMillis(1)))
                .hasMessageContaining("initial backoff");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(2), Duration.ofMillis(1)))
                .hasMessageContaining("max backoff");
    }

    @Test
    void sinkIsSerializableWithItsOptions() throws Exception {
        MigrationSink sink =
                MigrationSink.builder()
                        .setConnectionString("mongodb://localhost")
                        .setNamespaceMapping(NamespaceMapping.parse("a.b:c.d"))
                        .setMaxBatchDocuments(5)
                        .setMaxWriteRate(7)
                        .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sink);
        }
        MigrationSink copy =
                (MigrationSink)
                        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                                .readObject();
        assertThat(copy.options().toString()).isEqualTo(sink.options().toString());
    }

    @Test
    void theJobWideRateIsSharedByTheWriters() {
        assertThat(MigrationSink.writerRate(0, 4)).isZero();
        assertThat(MigrationSink.writerRate(1000, 4)).isEqualTo(250);
        assertThat(MigrationSink.writerRate(10, 4)).isEqualTo(3);
        assertThat(MigrationSink.writerRate(1, 4)).isEqualTo(1);
    }
}
