package io.dsync.benchmarks.data;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.ObjectId;

/**
 * The benchmark's documents: {@code collections} collections named {@code c0, c1, ...}, document
 * {@code seq} of collection {@code c} is the same bytes on every call, exactly {@code size} bytes
 * of BSON (when {@code size} leaves room for the fixed fields). Collection {@code c0} has mixed
 * {@code _id} types (ObjectId, int32, int64, string, double, binary, embedded document); the others
 * have ObjectIds.
 */
public final class BenchDocuments {

    /** Number of {@code _id} types in the mixed collection. */
    static final int MIXED_ID_TYPES = 7;

    private static final int FILLER_POOL = 1 << 16;
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private final int collections;
    private final int size;
    private final String filler;

    /**
     * @param collections how many collections the documents are spread over
     * @param size bytes of one document's BSON
     */
    public BenchDocuments(int collections, int size) {
        if (collections < 1) {
            throw new IllegalArgumentException("at least one collection, got " + collections);
        }
        if (size < 128) {
            throw new IllegalArgumentException("document size must be at least 128 bytes");
        }
        this.collections = collections;
        this.size = size;
        Random random = new Random(42);
        StringBuilder pool = new StringBuilder(FILLER_POOL + size);
        for (int i = 0; i < FILLER_POOL + size; i++) {
            pool.append((char) ('a' + random.nextInt(26)));
        }
        this.filler = pool.toString();
    }

    public int collections() {
        return collections;
    }

    public int size() {
        return size;
    }

    public static String collectionName(int collection) {
        return "c" + collection;
    }

    /** The collection that document {@code globalSeq} of the whole data set goes to. */
    public int collectionOf(long globalSeq) {
        return (int) (globalSeq % collections);
    }

    /** The {@code _id} of document {@code seq} of collection {@code collection}. */
    public static BsonValue id(int collection, long seq) {
        if (collection != 0) {
            return new BsonObjectId(objectId(collection, seq));
        }
        switch ((int) (seq % MIXED_ID_TYPES)) {
            case 0:
                return new BsonObjectId(objectId(collection, seq));
            case 1:
                return new BsonInt32((int) seq);
            case 2:
                return new BsonInt64(seq);
            case 3:
                return new BsonString("id-" + seq);
            case 4:
                return new BsonDouble(seq + 0.5);
            case 5:
                return new BsonBinary(
                        BsonBinarySubType.UUID_STANDARD,
                        ByteBuffer.allocate(16).putLong(0xB0B0L).putLong(seq).array());
            default:
                return new BsonDocument("k", new BsonInt64(seq));
        }
    }

    /** Document {@code seq} of collection {@code collection}. */
    public RawBsonDocument document(int collection, long seq) {
        return document(collection, seq, 0);
    }

    /**
     * Document {@code seq} of collection {@code collection} at {@code version} (0 is the seeded
     * one; later versions are what the change load writes).
     */
    public RawBsonDocument document(int collection, long seq, int version) {
        BsonDocument doc = new BsonDocument("_id", id(collection, seq));
        doc.put("seq", new BsonInt64(seq));
        doc.put("version", new BsonInt32(version));
        doc.put("name", new BsonString("document " + seq + " of " + collectionName(collection)));
        doc.put("created", new BsonDateTime(1_700_000_000_000L + seq * 1000));
        doc.put(
                "tags",
                new BsonArray(
                        java.util.List.of(
                                new BsonString("t" + (seq % 10)),
                                new BsonString("v" + version),
                                new BsonInt32(collection))));
        RawBsonDocument withoutPayload = new RawBsonDocument(doc, CODEC);
        // "payload": type byte + "payload\0" + int32 length + chars + '\0'
        int payload = size - withoutPayload.getByteBuffer().remaining() - (1 + 8 + 4 + 1);
        if (payload > 0) {
            int offset = (int) ((seq * 7919 + version * 104729L) % FILLER_POOL);
            doc.put("payload", new BsonString(filler.substring(offset, offset + payload)));
            return new RawBsonDocument(doc, CODEC);
        }
        return withoutPayload;
    }

    private static ObjectId objectId(int collection, long seq) {
        // 12 bytes: a fixed timestamp, the collection, the sequence: unique and ascending by seq.
        ByteBuffer bytes = ByteBuffer.allocate(12);
        bytes.putInt(1_700_000_000);
        bytes.put((byte) 0);
        bytes.put((byte) collection);
        bytes.putShort((short) 0);
        bytes.putInt((int) seq);
        return new ObjectId(bytes.array());
    }
}
