package io.dsync.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class BenchDocumentsTest {

    @Test
    void documentsHaveExactlyTheRequestedSizeAndAreRepeatable() {
        BenchDocuments documents = new BenchDocuments(10, 1024);
        for (long seq : new long[] {0, 1, 6, 999, 123_456}) {
            RawBsonDocument a = documents.document(3, seq);
            assertThat(a.getByteBuffer().remaining()).isEqualTo(1024);
            assertThat(a).isEqualTo(documents.document(3, seq));
        }
        assertThat(documents.document(3, 5, 1)).isNotEqualTo(documents.document(3, 5, 0));
    }

    @Test
    void collectionZeroMixesIdTypesAndIdsAreUnique() {
        Set<BsonType> types = new HashSet<>();
        Set<BsonValue> ids = new HashSet<>();
        for (long seq = 0; seq < 700; seq++) {
            BsonValue id = BenchDocuments.id(0, seq);
            types.add(id.getBsonType());
            ids.add(id);
        }
        assertThat(types)
                .containsExactlyInAnyOrder(
                        BsonType.OBJECT_ID,
                        BsonType.INT32,
                        BsonType.INT64,
                        BsonType.STRING,
                        BsonType.DOUBLE,
                        BsonType.BINARY,
                        BsonType.DOCUMENT);
        assertThat(ids).hasSize(700);
        assertThat(BenchDocuments.id(1, 5).getBsonType()).isEqualTo(BsonType.OBJECT_ID);
    }

    @Test
    void dataSetSpreadsDocumentsEvenly() {
        DataSet data = new DataSet("db", 1003, 512, 10);
        long total = 0;
        for (int c = 0; c < 10; c++) {
            total += data.documentsIn(c);
        }
        assertThat(total).isEqualTo(1003);
        assertThat(data.documentsIn(0)).isEqualTo(101);
        assertThat(data.documentsIn(9)).isEqualTo(100);
    }
}
