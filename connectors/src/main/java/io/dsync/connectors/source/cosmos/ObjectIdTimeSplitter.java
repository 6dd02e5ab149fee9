package io.dsync.connectors.source.cosmos;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.connectors.source.snapshot.IdBound;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.connectors.source.snapshot.IdRange;
import io.dsync.connectors.source.snapshot.IdRangeSplitter;
import io.dsync.connectors.source.snapshot.IdRangeSplitterFactory;
import io.dsync.connectors.source.snapshot.SplitOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a collection by the creation time in its ObjectId {@code _id}s, for sources where {@code
 * splitVector}, {@code $sample} and cheap {@code skip} are missing (Cosmos DB, where a skip costs
 * request units for every document skipped).
 *
 * <p>It looks up the smallest and the largest ObjectId {@code _id} ({@code {_id: {$gte:
 * ObjectId(0)}}} sorted both ways: MongoDB's type bracketing keeps other types out), divides the
 * time between them into as many equal slices as the collection's size asks for, and moves each
 * interior boundary to the first real {@code _id} at or after it. The ranges are then {@code [MIN,
 * b1), [b1, b2) ... [bk, MAX)}: the open first and last ranges also hold every {@code _id} of a
 * type that sorts before or after ObjectId, so the ranges cover every document whatever the types.
 * A collection without ObjectId {@code _id}s, or smaller than one range, is one range.
 *
 * <p>Ranges are even when documents were created at an even rate; bursts give bigger ranges. See
 * https://www.mongodb.com/docs/manual/reference/method/ObjectId/ and
 * https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
 */
public final class ObjectIdTimeSplitter implements IdRangeSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectIdTimeSplitter.class);
    private static final BsonDocument ID_ONLY = new BsonDocument("_id", new BsonInt32(1));
    private static final BsonDocument ID_DESCENDING = new BsonDocument("_id", new BsonInt32(-1));

    private final SplitOptions options;

    public ObjectIdTimeSplitter(SplitOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The factory for {@code MigrationSourceConfig.splitter(..)}. */
    public static IdRangeSplitterFactory factory() {
        return Factory.INSTANCE;
    }

    @Override
    public Iterator<IdRange> split(
            MongoClient client, Namespace ns, IdBound from, long firstIndex) {
        Objects.requireNonNull(from, "from");
        if (from.isMax()) {
            throw new IllegalArgumentException("cannot split " + ns + " from the MAX bound");
        }
        List<IdBound> bounds = new ArrayList<>();
        for (IdBound bound : boundaries(client, ns)) {
            if (from.isMin() || after(bound, from)) {
                bounds.add(bound);
            }
        }
        List<IdRange> ranges = new ArrayList<>();
        IdBound lower = from;
        long index = firstIndex;
        for (IdBound upper : bounds) {
            ranges.add(new IdRange(ns, lower, upper, IdRangeSplitter.rangeId(ns, index++)));
            lower = upper;
        }
        ranges.add(new IdRange(ns, lower, IdBound.MAX, IdRangeSplitter.rangeId(ns, index)));
        LOG.info("Split {} into {} ranges by ObjectId time", ns, ranges.size());
        return ranges.iterator();
    }

    /** The interior boundaries: real ObjectId keys, strictly ascending. */
    List<IdBound> boundaries(MongoClient client, Namespace ns) {
        MongoCollection<RawBsonDocument> collection =
                client.getDatabase(ns.database())
                        .getCollection(ns.collection(), RawBsonDocument.class);
        long count = SourceCatalog.estimatedCount(client, ns);
        int perRange = options.documentsPerRange(SourceCatalog.averageDocumentSize(client, ns));
        long slices = count / Math.max(1, perRange);
        BsonDocument objectIds =
                new BsonDocument("_id", new BsonDocument("$gte", new BsonObjectId(lowest(0))));
        RawBsonDocument first =
                collection.find(objectIds).sort(ID_ONLY).projection(ID_ONLY).first();
        RawBsonDocument last =
                collection.find(objectIds).sort(ID_DESCENDING).projection(ID_ONLY).first();
        List<IdBound> bounds = new ArrayList<>();
        if (slices < 2 || first == null || last == null) {
            return bounds;
        }
        long start = first.getObjectId("_id").getValue().getTimestamp() & 0xFFFFFFFFL;
        long end = last.getObjectId("_id").getValue().getTimestamp() & 0xFFFFFFFFL;
        ObjectId previous = first.getObjectId("_id").getValue();
        for (long i = 1; i < slices && end > start; i++) {
            long seconds = start + (end - start) * i / slices;
            RawBsonDocument at =
                    collection
                            .find(
                                    new BsonDocument(
                                            "_id",
                                            new BsonDocument(
                                                    "$gte", new BsonObjectId(lowest(seconds)))))
                            .sort(ID_ONLY)
                            .projection(ID_ONLY)
                            .first();
            if (at == null) {
                break;
            }
            ObjectId id = at.getObjectId("_id").getValue();
            if (id.compareTo(previous) > 0) {
                bounds.add(IdBound.of(IdKey.of(IdKey.bytesOf(at))));
                previous = id;
            }
        }
        return bounds;
    }

    /** Whether ObjectId bound {@code bound} lies after {@code from} (a key of any type). */
    private static boolean after(IdBound bound, IdBound from) {
        BsonValue id = from.asDocument().get("_id");
        if (!(id instanceof BsonObjectId fromId)) {
            // A restart inside a range of another type: go on with one range from there.
            return false;
        }
        ObjectId boundId = bound.asDocument().getObjectId("_id").getValue();
        return boundId.compareTo(fromId.getValue()) > 0;
    }

    /** The smallest ObjectId of a second: the timestamp followed by zero bytes. */
    static ObjectId lowest(long epochSeconds) {
        byte[] bytes = new byte[12];
        bytes[0] = (byte) (epochSeconds >>> 24);
        bytes[1] = (byte) (epochSeconds >>> 16);
        bytes[2] = (byte) (epochSeconds >>> 8);
        bytes[3] = (byte) epochSeconds;
        return new ObjectId(bytes);
    }

    /** The factory of {@link ObjectIdTimeSplitter}s. */
    static final class Factory implements IdRangeSplitterFactory {
        private static final long serialVersionUID = 1L;
        static final Factory INSTANCE = new Factory();

        private Factory() {}

        @Override
        public IdRangeSplitter create(SplitOptions options) {
            return new ObjectIdTimeSplitter(options);
        }

        private Object readResolve() {
            return INSTANCE;
        }
    }
}
