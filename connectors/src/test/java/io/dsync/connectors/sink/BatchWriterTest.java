package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import io.dsync.connectors.record.ChangeRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private static byte[] bytes(Object bson) {
        ByteBuffer buffer = ((RawBsonDocument) bson).getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    void updatesAndReplacesUpsertByIdWithTheDocumentBytesAsReceived() {
        for (ChangeRecord record :
                new ChangeRecord[] {
                    TestRecords.update("db.c", 1, "v", 1), TestRecords.replace("db.c", 1, "v", 1)
                }) {
            assertReplaceUpsert(BatchWriter.toWriteModel(record), record);
        }
    }

    @Test
    void copiesAndInsertsAreInsertedFirstAndReplaceUpsertedWhenTheDocumentExists() {
        for (ChangeRecord record :
                new ChangeRecord[] {
                    TestRecords.snapshot("db.c", 1, "v"), TestRecords.insert("db.c", 1, "v", 1)
                }) {
            WriteModel<RawBsonDocument> first = BatchWriter.toWriteModel(record);
            assertThat(first).isInstanceOf(InsertOneModel.class);
            assertThat(bytes(((InsertOneModel<RawBsonDocument>) first).getDocument()))
                    .isEqualTo(record.document());
            assertReplaceUpsert(BatchWriter.toWriteModel(record, false), record);
        }
    }

    private static void assertReplaceUpsert(
            WriteModel<RawBsonDocument> model, ChangeRecord record) {
        assertThat(model).isInstanceOf(ReplaceOneModel.class);
        ReplaceOneModel<RawBsonDocument> replace = (ReplaceOneModel<RawBsonDocument>) model;
        assertThat(bytes(replace.getFilter())).isEqualTo(record.key());
        assertThat(bytes(replace.getReplacement())).isEqualTo(record.document());
        assertThat(replace.getReplaceOptions().isUpsert()).isTrue();
    }

    @Test
    void deletesById() {
        ChangeRecord record = TestRecords.delete("db.c", 1, 1);
        WriteModel<RawBsonDocument> model = BatchWriter.toWriteModel(record);
        assertThat(model).isInstanceOf(DeleteOneModel.class);
        assertThat(bytes(((DeleteOneModel<RawBsonDocument>) model).getFilter()))
                .isEqualTo(record.key());
        assertThat(Arrays.equals(record.key(), TestRecords.key(new org.bson.BsonInt32(1))))
                .isTrue();
    }
}
