package io.dsync.verify.recheck;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.snapshot.IdKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * Reads documents by exact {@code _id}, in batches of {@value #CHUNK} with {@code {_id: {$in:
 * [...]}}}. Query equality matches numerically equal values of other numeric types too (an int32
 * {@code 1} matches a stored int64 {@code 1}: see
 * https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/), so a document is
 * taken only when its {@code _id} bytes equal the requested key exactly.
 */
public final class DocumentLookup {

    static final int CHUNK = 500;

    private DocumentLookup() {}

    /**
     * @param idKeys raw BSON {@code {_id: value}} keys
     * @return raw documents by key ({@link ByteBuffer#wrap} of the key bytes); absent keys missing
     */
    public static Map<ByteBuffer, byte[]> find(
            MongoClient client, Namespace ns, Collection<byte[]> idKeys) {
        Map<ByteBuffer, byte[]> found = new HashMap<>();
        List<byte[]> keys = new ArrayList<>(idKeys);
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<byte[]> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            Set<ByteBuffer> wanted = new HashSet<>();
            BsonArray values = new BsonArray();
            for (byte[] key : chunk) {
                wanted.add(ByteBuffer.wrap(key));
                values.add(new RawBsonDocument(key).get("_id"));
            }
            BsonDocument filter = new BsonDocument("_id", new BsonDocument("$in", values));
            try (MongoCursor<RawBsonDocument> cursor =
                    client.getDatabase(ns.database())
                            .getCollection(ns.collection(), RawBsonDocument.class)
                            .find(filter)
                            .batchSize(CHUNK)
                            .iterator()) {
                while (cursor.hasNext()) {
                    byte[] document = IdKey.bytesOf(cursor.next());
                    ByteBuffer key = ByteBuffer.wrap(IdKey.of(document));
                    if (wanted.contains(key)) {
                        found.put(key, document);
                    }
                }
            }
        }
        return found;
    }
}
