package io.dsync.job.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobMetricsTest {

    @Test
    void picksTheOperatorLevelMetricWhateverTheOrderOfTheIds() {
        // a source chained with the sink writer (migrate --mode initial-sync): one vertex
        List<String> ids =
                List.of(
                        "MongoDB_destination__Writer.namespace.shop.orders.documentsWritten",
                        "Source__MongoDB_source.dsync.snapshotDocumentsRead",
                        "MongoDB_destination__Writer.snapshotDocumentsWritten",
                        "MongoDB_destination__Writer.documentsWritten",
                        "MongoDB_destination__Writer.namespace.shop.o.documentsWritten");
        assertThat(JobMetrics.operatorLevelId(ids, "documentsWritten"))
                .isEqualTo("MongoDB_destination__Writer.documentsWritten");
        assertThat(JobMetrics.operatorLevelId(ids, "dsync.snapshotDocumentsRead"))
                .isEqualTo("Source__MongoDB_source.dsync.snapshotDocumentsRead");
        assertThat(JobMetrics.operatorLevelId(ids, "writeRetries")).isNull();
    }
}
