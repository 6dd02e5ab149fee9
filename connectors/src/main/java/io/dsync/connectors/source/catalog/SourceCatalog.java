package io.dsync.connectors.source.catalog;

import com.mongodb.MongoCommandException;
import com.mongodb.ReadConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists the source's selected collections and reads their size statistics. */
public final class SourceCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCatalog.class);

    private SourceCatalog() {}

    /**
     * Every selected collection of every selected database, sorted by namespace, with views and
     * time-series collections reported as such (the caller decides what to do with them) and {@code
     * system.*} collections left out.
     *
     * <p>Uses {@code listDatabases} with {@code nameOnly} and {@code listCollections}: see
     * https://www.mongodb.com/docs/manual/reference/command/listDatabases/ and
     * https://www.mongodb.com/docs/manual/reference/command/listCollections/
     */
    public static List<CollectionInfo> list(MongoClient client, NamespaceFilter filter) {
        List<CollectionInfo> result = new ArrayList<>();
        for (String db : client.listDatabaseNames()) {
            if (!filter.includesDatabase(db)) {
                continue;
            }
            MongoDatabase database = client.getDatabase(db);
            for (BsonDocument info : database.listCollections(BsonDocument.class)) {
                Namespace ns = new Namespace(db, info.getString("name").getValue());
                if (!filter.includes(ns)) {
                    continue;
                }
                String type =
                        info.getString("type", new org.bson.BsonString("collection")).getValue();
                BsonDocument options = info.getDocument("options", new BsonDocument());
                result.add(new CollectionInfo(ns, type, options, uuidOf(info)));
            }
        }
        result.sort(Comparator.comparing(CollectionInfo::namespace));
        return result;
    }

    /**
     * The collection {@code ns} as {@code listCollections} reports it now (filtered by name), or
     * {@code null} when the source has no collection (or view) of that name.
     */
    public static CollectionInfo find(MongoClient client, Namespace ns) {
        for (BsonDocument info :
                client.getDatabase(ns.database())
                        .listCollections(BsonDocument.class)
                        .filter(
                                new BsonDocument(
                                        "name", new org.bson.BsonString(ns.collection())))) {
            String type = info.getString("type", new org.bson.BsonString("collection")).getValue();
            return new CollectionInfo(
                    ns, type, info.getDocument("options", new BsonDocument()), uuidOf(info));
        }
        return null;
    }

    private static UUID uuidOf(BsonDocument info) {
        BsonValue uuid = info.getDocument("info", new BsonDocument()).get("uuid");
        if (uuid instanceof BsonBinary binary
                && binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()) {
            return binary.asUuid(UuidRepresentation.STANDARD);
        }
        return null;
    }

    /** The selected capped collections ({@code db.coll}), from one listing. */
    public static List<String> cappedNamespaces(MongoClient client, NamespaceFilter filter) {
        List<String> capped = new ArrayList<>();
        for (CollectionInfo info : list(client, filter)) {
            BsonValue flag = info.options().get("capped");
            if (flag != null && flag.isBoolean() && flag.asBoolean().getValue()) {
                capped.add(info.namespace().fullName());
            }
        }
        return capped;
    }

    /** Whether the collection exists and is capped ({@code listCollections} options). */
    public static boolean isCapped(MongoClient client, Namespace ns) {
        for (BsonDocument info :
                client.getDatabase(ns.database())
                        .listCollections(BsonDocument.class)
                        .filter(new BsonDocument("name", new BsonString(ns.collection())))) {
            BsonValue capped = info.getDocument("options", new BsonDocument()).get("capped");
            return capped != null && capped.isBoolean() && capped.asBoolean().getValue();
        }
        return false;
    }

    /**
     * The collection's document count from its metadata (fast, may be slightly off), or 0 when the
     * server cannot tell.
     */
    public static long estimatedCount(MongoClient client, Namespace ns) {
        try {
            return client.getDatabase(ns.database())
                    .getCollection(ns.collection())
                    .estimatedDocumentCount();
        } catch (MongoCommandException e) {
            LOG.info("No document count for {}: {}", ns, e.getErrorMessage());
            return 0;
        }
    }

    /**
     * The collection's average BSON document size in bytes, or 0 when unknown (empty collection, or
     * a server without {@code $collStats}/{@code collStats}, as some MongoDB-compatible databases
     * are).
     *
     * <p>Uses {@code $collStats} with {@code storageStats} (one result per shard on a sharded
     * cluster, summed here), falling back to the older {@code collStats} command: see
     * https://www.mongodb.com/docs/manual/reference/operator/aggregation/collStats/ ({@code
     * $collStats} runs with the server's default read concern: it does not support {@code
     * majority}, https://jira.mongodb.org/browse/SERVER-20400; only the range size depends on it).
     */
    public static long averageDocumentSize(MongoClient client, Namespace ns) {
        MongoDatabase db = client.getDatabase(ns.database());
        try {
            long size = 0;
            long count = 0;
            List<BsonDocument> pipeline =
                    List.of(
                            new BsonDocument(
                                    "$collStats",
                                    new BsonDocument("storageStats", new BsonDocument())));
            try (MongoCursor<BsonDocument> stats =
                    db.getCollection(ns.collection(), BsonDocument.class)
                            .withReadConcern(ReadConcern.DEFAULT)
                            .aggregate(pipeline)
                            .iterator()) {
                while (stats.hasNext()) {
                    BsonDocument storage =
                            stats.next().getDocument("storageStats", new BsonDocument());
                    size += number(storage.get("size"));
                    count += number(storage.get("count"));
                }
            }
            if (count > 0) {
                return size / count;
            }
        } catch (MongoCommandException e) {
            LOG.debug("$collStats unavailable for {}: {}", ns, e.getErrorMessage());
        }
        try {
            BsonDocument stats =
                    db.runCommand(
                            new BsonDocument("collStats", new org.bson.BsonString(ns.collection()))
                                    .append("scale", new BsonInt32(1)),
                            BsonDocument.class);
            return number(stats.get("avgObjSize"));
        } catch (MongoCommandException e) {
            LOG.info("No average document size for {}: {}", ns, e.getErrorMessage());
            return 0;
        }
    }

    private static long number(BsonValue value) {
        return value != null && value.isNumber() ? value.asNumber().longValue() : 0;
    }
}
