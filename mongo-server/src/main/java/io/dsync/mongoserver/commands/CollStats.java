package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.backend.DsyncDatabase;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Collection statistics: the {@code collStats} command and the {@code $collStats} aggregation stage
 * ({@code storageStats}, {@code count}). Sizes are the BSON sizes of the stored documents; an
 * in-memory store has no compression, so {@code storageSize} equals {@code size}. See the MongoDB
 * manual, "collStats" and "$collStats (aggregation)".
 */
final class CollStats {

    private static final int INDEX_PAGE = 4096;

    private CollStats() {}

    static Document command(DsyncDatabase database, Document command) {
        String name = String.valueOf(command.get("collStats"));
        int scale = command.get("scale") instanceof Number n ? Math.max(1, n.intValue()) : 1;
        Document stats = new Document("ns", database.getDatabaseName() + "." + name);
        stats.putAll(storageStats(database.collection(name), scale));
        stats.put("ok", 1.0);
        return stats;
    }

    static Document storageStats(DsyncCollection collection, int scale) {
        long count = collection == null ? 0 : collection.count();
        long size = collection == null ? 0 : collection.dataSize();
        List<Document> indexes = collection == null ? List.of() : collection.metadata().indexes();
        Document indexSizes = new Document();
        long totalIndexSize = 0;
        for (Document index : indexes) {
            long indexSize = INDEX_PAGE + ("_id_".equals(index.get("name")) ? 16 * count : 0);
            indexSizes.put((String) index.get("name"), indexSize / scale);
            totalIndexSize += indexSize;
        }
        boolean capped =
                collection != null
                        && Boolean.TRUE.equals(collection.metadata().options().get("capped"));
        return new Document("size", size / scale)
                .append("count", count)
                .append("avgObjSize", count == 0 ? 0 : size / count)
                .append("numOrphanDocs", 0)
                .append("storageSize", size / scale)
                .append("freeStorageSize", 0)
                .append("capped", capped)
                .append("nindexes", indexes.size())
                .append("indexDetails", new Document())
                .append("indexBuilds", List.of())
                .append("totalIndexSize", totalIndexSize / scale)
                .append("totalSize", (size + totalIndexSize) / scale)
                .append("indexSizes", indexSizes)
                .append("scaleFactor", scale);
    }

    /** Runs a pipeline that starts with {@code $collStats}. */
    static List<Document> stage(
            DsyncBackend backend, DsyncDatabase database, String name, List<Document> pipeline) {
        Object spec = pipeline.get(0).get("$collStats");
        if (!(spec instanceof Document options)) {
            throw new MongoServerError(
                    5447000, "Location5447000", "$collStats must take a nested object");
        }
        DsyncCollection collection = database.collection(name);
        Document result =
                new Document("ns", database.getDatabaseName() + "." + name)
                        .append("host", "localhost")
                        .append("localTime", Instant.now());
        if (options.containsKey("latencyStats")) {
            Document zero = new Document("latency", 0L).append("ops", 0L);
            result.put(
                    "latencyStats",
                    new Document("reads", zero)
                            .append("writes", zero)
                            .append("commands", zero)
                            .append("transactions", zero));
        }
        if (options.get("storageStats") instanceof Document storage) {
            int scale = storage.get("scale") instanceof Number n ? Math.max(1, n.intValue()) : 1;
            result.put("storageStats", storageStats(collection, scale));
        }
        if (options.containsKey("count")) {
            result.put("count", new Document("count", collection == null ? 0 : collection.count()));
        }
        List<Document> rest = pipeline.subList(1, pipeline.size());
        if (rest.isEmpty()) {
            return List.of(result);
        }
        Aggregation aggregation =
                Aggregation.fromPipeline(
                        rest, backend::resolveDatabase, database, collection, NoopOplog.get());
        return aggregation.runStages(Stream.of(result));
    }
}
