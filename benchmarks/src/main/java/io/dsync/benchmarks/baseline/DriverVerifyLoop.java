package io.dsync.benchmarks.baseline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCursor;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.mongoserver.query.MongoValueOrder;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;

/**
 * Baseline for verify: one thread, collection after collection, reads both sides sorted by {@code
 * _id} (on the {@code _id} index) and walks them together like a merge join, comparing the raw
 * bytes of documents with the same {@code _id}. Where the {@code _id}s differ, MongoDB's BSON
 * comparison order (as the embedded server implements it) says which side is behind.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/">BSON
 *     comparison order</a>
 */
final class DriverVerifyLoop {

    private static final BsonDocument BY_ID = new BsonDocument("_id", new BsonInt32(1));

    private static final int MAX_REPORTED = 20;

    private static int reported;

    private DriverVerifyLoop() {}

    static void main(String[] args) {
        String database = args[2];
        long compared = 0;
        long different = 0;
        long missing = 0;
        long extra = 0;
        try (MongoClient source = MongoClients.create(args[0]);
                MongoClient destination = MongoClients.create(args[1])) {
            TreeSet<String> names = new TreeSet<>();
            source.getDatabase(database).listCollectionNames().into(names);
            destination.getDatabase(database).listCollectionNames().into(names);
            for (String name : names) {
                try (MongoCursor<RawBsonDocument> left = open(source, database, name);
                        MongoCursor<RawBsonDocument> right = open(destination, database, name)) {
                    RawBsonDocument a = left.hasNext() ? left.next() : null;
                    RawBsonDocument b = right.hasNext() ? right.next() : null;
                    while (a != null || b != null) {
                        int order = a == null ? 1 : b == null ? -1 : compareIds(a, b);
                        if (order == 0) {
                            compared++;
                            if (!bytes(a).equals(bytes(b))) {
                                different++;
                                report("different", name, a);
                            }
                            a = left.hasNext() ? left.next() : null;
                            b = right.hasNext() ? right.next() : null;
                        } else if (order < 0) {
                            missing++;
                            report("missing", name, a);
                            a = left.hasNext() ? left.next() : null;
                        } else {
                            extra++;
                            report("extra", name, b);
                            b = right.hasNext() ? right.next() : null;
                        }
                    }
                }
            }
        }
        ResultLine.print(
                Map.of(
                        "documents", compared + missing,
                        "compared", compared,
                        "different", different,
                        "missing", missing,
                        "extra", extra,
                        "differences", different + missing + extra));
    }

    /** Names the first differences in the process's output (its log), to find out why. */
    private static void report(String kind, String collection, RawBsonDocument document) {
        if (reported++ < MAX_REPORTED) {
            System.out.println(
                    kind
                            + " in "
                            + collection
                            + ": "
                            + new BsonDocument("_id", document.get("_id")).toJson());
        }
    }

    private static MongoCursor<RawBsonDocument> open(
            MongoClient client, String database, String collection) {
        return client.getDatabase(database)
                .getCollection(collection, RawBsonDocument.class)
                .find()
                .sort(BY_ID)
                .hint(BY_ID)
                .batchSize(DriverCopyLoop.FIND_BATCH)
                .iterator();
    }

    private static ByteBuffer bytes(RawBsonDocument document) {
        return document.getByteBuffer().asNIO();
    }

    /** Order of two documents' {@code _id}s; equal bytes are equal ids (the cheap common case). */
    private static int compareIds(RawBsonDocument a, RawBsonDocument b) {
        if (a.get("_id").equals(b.get("_id"))) {
            return 0;
        }
        return MongoValueOrder.INSTANCE.compare(
                decodeId(IdKey.of(IdKey.bytesOf(a))), decodeId(IdKey.of(IdKey.bytesOf(b))));
    }

    private static Object decodeId(byte[] key) {
        return de.bwaldvogel.mongo.wire.bson.BsonDecoder.decodeBson(Unpooled.wrappedBuffer(key))
                .get("_id");
    }
}
