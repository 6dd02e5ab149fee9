package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecord.Kind;
import java.util.Arrays;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/** Builds {@link ChangeRecord}s with raw BSON keys and documents for tests. */
final class TestRecords {

    private TestRecords() {}

    static byte[] bson(BsonDocument document) {
        RawBsonDocument raw = new RawBsonDocument(document, new BsonDocumentCodec());
        return Arrays.copyOf(raw.getByteBuffer().array(), raw.getByteBuffer().limit());
    }

    static byte[] key(BsonValue id) {
        return bson(new BsonDocument("_id", id));
    }

    /** {@code {_id: id, v: version}}. */
    static byte[] document(BsonValue id, String version) {
        return bson(new BsonDocument("_id", id).append("v", new BsonString(version)));
    }

    static ChangeRecord snapshot(String namespace, int id, String version) {
        return record(Kind.SNAPSHOT, namespace, new BsonInt32(id), version, 0);
    }

    static ChangeRecord insert(String namespace, int id, String version, long time) {
        return record(Kind.INSERT, namespace, new BsonInt32(id), version, time);
    }

    static ChangeRecord update(String namespace, int id, String version, long time) {
        return record(Kind.UPDATE, namespace, new BsonInt32(id), version, time);
    }

    static ChangeRecord replace(String namespace, int id, String version, long time) {
        return record(Kind.REPLACE, namespace, new BsonInt32(id), version, time);
    }

    static ChangeRecord delete(String namespace, int id, long time) {
        return record(Kind.DELETE, namespace, new BsonInt32(id), null, time);
    }

    static ChangeRecord record(
            Kind kind, String namespace, BsonValue id, String version, long time) {
        return new ChangeRecord(
                kind, namespace, key(id), kind == Kind.DELETE ? null : document(id, version), time);
    }
}
