package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.record.ChangeRecord;
import java.nio.charset.StandardCharsets;
import org.bson.BsonBinary;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

    @Test
    void keyIsNamespaceNulAndKeyBytesLosslessly() {
        byte[] key = TestRecords.key(new BsonBinary(new byte[] {(byte) 0xff, 0, (byte) 0x80}));
        ChangeRecord record =
                ChangeRecord.snapshot(
                        "db.c",
                        key,
                        TestRecords.bson(new org.bson.BsonDocument("_id", new BsonInt32(1))));
        String k = RecordKeys.keyOf(record);
        assertThat(k).startsWith("db.c\0");
        assertThat(k.substring(5).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(key);
        assertThat(RecordKeys.INSTANCE.getKey(record)).isEqualTo(k);
    }

    @Test
    void sameDocumentSameKeyAndDifferentTypesDiffer() {
        ChangeRecord a = TestRecords.insert("db.c", 1, "x", 1);
        ChangeRecord b = TestRecords.delete("db.c", 1, 2);
        assertThat(RecordKeys.keyOf(a)).isEqualTo(RecordKeys.keyOf(b));
        ChangeRecord int64 =
                TestRecords.record(ChangeRecord.Kind.DELETE, "db.c", new BsonInt64(1), null, 3);
        assertThat(RecordKeys.keyOf(int64)).isNotEqualTo(RecordKeys.keyOf(a));
        assertThat(RecordKeys.keyOf(TestRecords.delete("db.d", 1, 2)))
                .isNotEqualTo(RecordKeys.keyOf(a));
    }
}
