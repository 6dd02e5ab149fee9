package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.changestream.ChangeEventDecoder;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

/** The benchmark's events are ones the decoder accepts, and each becomes the write it should. */
class ChangeEventWriteBenchmarkTest {

    private final RawBsonDocument document = new BenchDocuments(10, 1024).document(1, 7, 1);

    @Test
    void everyEventOfTheMixDecodesToItsWrite() {
        assertThat(write("insert")).isInstanceOf(InsertOneModel.class);
        assertThat(write("update")).isInstanceOf(ReplaceOneModel.class);
        assertThat(write("replace")).isInstanceOf(ReplaceOneModel.class);
        assertThat(write("delete")).isInstanceOf(DeleteOneModel.class);
    }

    @Test
    void theDecodedRecordCarriesTheDocumentAndItsKey() {
        ChangeRecord record =
                ChangeEventDecoder.decode(ChangeEventWriteBenchmark.event("update", document, 7))
                        .record();

        assertThat(record.kind()).isEqualTo(ChangeRecord.Kind.UPDATE);
        assertThat(record.namespace()).isEqualTo("bench." + BenchDocuments.collectionName(1));
        assertThat(new RawBsonDocument(record.document())).isEqualTo(document);
        assertThat(new RawBsonDocument(record.key()).get("_id")).isEqualTo(document.get("_id"));
    }

    @Test
    void oneInvocationWritesEveryEvent() {
        ChangeEventWriteBenchmark benchmark = new ChangeEventWriteBenchmark();
        benchmark.setUp();

        assertThat(benchmark.eventToWriteModel()).isEqualTo(ChangeEventWriteBenchmark.EVENTS);
    }

    private Object write(String op) {
        return BatchWriter.toWriteModel(
                ChangeEventDecoder.decode(ChangeEventWriteBenchmark.event(op, document, 1))
                        .record());
    }
}
