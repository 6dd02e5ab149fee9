package io.dsync.connectors.source.snapshot;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.catalog.SourceCatalog;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a collection by paging through its {@code _id} index in the server's order: from the
 * current lower bound, the document {@code n} index entries further on starts the next range.
 *
 * <p>Each bound is found with {@code find().sort({_id: 1}).hint({_id: 1}).min(<lower>)
 * .skip(n).limit(1).projection({_id: 1})}. The {@code skip} only walks the index to find the next
 * bound; it is not used to resume reading. Because the server orders the index, this is sound for
 * any mix of {@code _id} types (MongoDB's comparison order across types), and it needs only {@code
 * find} with {@code min}, so it works where {@code splitVector} is missing (Atlas shared tiers,
 * Cosmos DB, DocumentDB). See https://www.mongodb.com/docs/manual/reference/method/cursor.min/ and
 * https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
 *
 * <p>A collection smaller than one range gives the single range {@code [MIN, MAX)}. Ranges may be
 * uneven when documents are inserted or deleted during splitting; they still cover every {@code
 * _id} exactly once, since each range starts where the previous one ended.
 */
public final class PaginationSplitter implements IdRangeSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(PaginationSplitter.class);

    static final BsonDocument ID_ASCENDING = new BsonDocument("_id", new BsonInt32(1));

    private final SplitOptions options;

    public PaginationSplitter(SplitOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Iterator<IdRange> split(
            MongoClient client, Namespace ns, IdBound from, long firstIndex) {
        Objects.requireNonNull(from, "from");
        if (from.isMax()) {
            throw new IllegalArgumentException("cannot split " + ns + " from the MAX bound");
        }
        int documentsPerRange =
                options.documentsPerRange(SourceCatalog.averageDocumentSize(client, ns));
        LOG.info("Splitting {} into ranges of {} documents from {}", ns, documentsPerRange, from);
        return new RangeIterator(client, ns, from, firstIndex, documentsPerRange);
    }

    private static final class RangeIterator implements Iterator<IdRange> {
        private final MongoClient client;
        private final Namespace ns;
        private final int documentsPerRange;
        private IdBound lower; // null once the last range (ending at MAX) was returned
        private long index;

        RangeIterator(
                MongoClient client, Namespace ns, IdBound from, long index, int documentsPerRange) {
            this.client = client;
            this.ns = ns;
            this.lower = from;
            this.index = index;
            this.documentsPerRange = documentsPerRange;
        }

        @Override
        public boolean hasNext() {
            return lower != null;
        }

        @Override
        public IdRange next() {
            if (lower == null) {
                throw new NoSuchElementException();
            }
            IdBound upper = nextBound();
            IdRange range = new IdRange(ns, lower, upper, IdRangeSplitter.rangeId(ns, index++));
            lower = upper.isMax() ? null : upper;
            return range;
        }

        private IdBound nextBound() {
            FindIterable<RawBsonDocument> find =
                    client.getDatabase(ns.database())
                            .getCollection(ns.collection(), RawBsonDocument.class)
                            .find()
                            .sort(ID_ASCENDING)
                            .hint(ID_ASCENDING)
                            .projection(ID_ASCENDING)
                            .skip(documentsPerRange)
                            .limit(1);
            if (lower.isKey()) {
                find = find.min(lower.asDocument());
            }
            RawBsonDocument bound = find.first();
            return bound == null ? IdBound.MAX : IdBound.of(IdKey.of(IdKey.bytesOf(bound)));
        }
    }
}
