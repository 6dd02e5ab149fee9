package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.cursor.DocumentSource;
import io.dsync.mongoserver.cursor.ServerCursor;
import io.dsync.mongoserver.query.FindRequest;
import io.dsync.mongoserver.query.IdBounds;
import io.dsync.mongoserver.query.IdFilterBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a {@code find} on a collection: which part of which order to scan (the ordered {@code _id}
 * index, bounded by {@code min}/{@code max} and the filter, or storage order), and whether the
 * results must be sorted in memory. {@code min} is inclusive and {@code max} exclusive, on the
 * hinted index only. See the MongoDB manual, "cursor.min()" and "cursor.max()".
 */
final class FindCommand {

    private FindCommand() {}

    static ServerCursor cursor(DsyncCollection collection, FindRequest request) {
        String namespace = collection.getFullName();
        Optional<Document> hinted =
                HintResolver.resolve(request.hint(), collection.metadata(), namespace);
        IdBounds bounds =
                IdFilterBounds.of(request.filter()).intersect(minMaxBounds(request, hinted));
        Document sort = request.sort() == null || request.sort().isEmpty() ? null : request.sort();
        boolean idOrderWanted = hinted.isPresent() || request.hasMinOrMax() || !bounds.isAll();

        ServerCursor.Builder builder;
        if (sort == null || isNatural(sort)) {
            DocumentSource source =
                    sort == null && idOrderWanted
                            ? collection.idScan(bounds, false)
                            : collection.naturalScan(
                                    sort != null && direction(sort, "$natural") < 0);
            builder = stored(namespace, collection, source).filter(request.filter());
        } else if (sort.size() == 1 && sort.containsKey("_id")) {
            DocumentSource source = collection.idScan(bounds, direction(sort, "_id") < 0);
            builder = stored(namespace, collection, source).filter(request.filter());
        } else {
            List<Document> sorted = sortedMatches(collection, bounds, request.filter(), sort);
            var iterator = sorted.iterator();
            builder =
                    ServerCursor.builder(
                            namespace, () -> iterator.hasNext() ? iterator.next() : null);
        }
        return builder.projection(request.projection())
                .skip(request.skip())
                .limit(request.limit())
                .build();
    }

    private static ServerCursor.Builder stored(
            String namespace, DsyncCollection collection, DocumentSource source) {
        return ServerCursor.builder(namespace, source).lock(collection.lock()).copyDocuments(true);
    }

    private static List<Document> sortedMatches(
            DsyncCollection collection, IdBounds bounds, Document filter, Document sort) {
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        List<Document> matches = new ArrayList<>();
        synchronized (collection.lock()) {
            DocumentSource source =
                    bounds.isAll()
                            ? collection.naturalScan(false)
                            : collection.idScan(bounds, false);
            for (Document d = source.next(); d != null; d = source.next()) {
                if (filter == null || matcher.matches(d, filter)) {
                    matches.add(d.clone());
                }
            }
        }
        matches.sort(new DocumentComparator(sort));
        return matches;
    }

    /**
     * The {@code _id} range of {@code min} (inclusive) and {@code max} (exclusive), which need a
     * hint of the index whose key pattern they follow field for field.
     */
    private static IdBounds minMaxBounds(FindRequest request, Optional<Document> hinted) {
        if (!request.hasMinOrMax()) {
            return IdBounds.all();
        }
        if (hinted.isEmpty()) {
            throw new MongoServerError(
                    51173,
                    "Location51173",
                    "When using min()/max() a hint of which index to use must be provided");
        }
        Document key = (Document) hinted.get().get("key");
        for (Document bound : new Document[] {request.min(), request.max()}) {
            if (bound != null && !List.copyOf(bound.keySet()).equals(List.copyOf(key.keySet()))) {
                throw new MongoServerError(
                        51174, "Location51174", "The index chosen is not compatible with min/max");
            }
        }
        if (!HintResolver.isIdIndex(hinted.get())) {
            throw new MongoServerError(
                    2,
                    "BadValue",
                    "the embedded server supports min()/max() only with the _id index (hint"
                            + " {_id: 1}), not with index "
                            + hinted.get().get("name"));
        }
        IdBounds bounds = IdBounds.all();
        if (request.min() != null) {
            bounds = bounds.intersect(IdBounds.atLeast(request.min().get("_id"), true));
        }
        if (request.max() != null) {
            bounds = bounds.intersect(IdBounds.below(request.max().get("_id"), false));
        }
        return bounds;
    }

    private static boolean isNatural(Document sort) {
        return sort.size() == 1 && sort.containsKey("$natural");
    }

    private static int direction(Document sort, String field) {
        Object value = sort.get(field);
        if (!(value instanceof Number n) || (n.intValue() != 1 && n.intValue() != -1)) {
            throw new MongoServerError(
                    2,
                    "BadValue",
                    "$sort key ordering must be 1 (for ascending) or -1 (for descending)");
        }
        return n.intValue();
    }
}
