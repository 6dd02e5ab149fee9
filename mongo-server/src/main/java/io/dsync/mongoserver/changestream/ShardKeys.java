package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.CommandInterceptor;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shard keys declared with {@code shardCollection}, as far as change streams show them: the server
 * has no shards, but a collection given a shard key reports change events as a sharded cluster does
 * ("Change Events", MongoDB manual, https://www.mongodb.com/docs/manual/reference/change-events/):
 *
 * <ul>
 *   <li>{@code documentKey} holds the shard key fields, then {@code _id} (not repeated when it is
 *       part of the shard key); a field the document lacks is left out, as MongoDB does
 *       (SERVER-105706);
 *   <li>an update that changes the shard key value moves the document to the shard owning the new
 *       value, which MongoDB performs as a delete on the old shard and an insert on the new one
 *       ("Change a Document's Shard Key Value",
 *       https://www.mongodb.com/docs/manual/core/sharding-change-a-shard-key-value/); the stream
 *       merges the shards' events, so the pair can come in either order. This server reports the
 *       pair in the {@link MoveOrder} it was built with.
 * </ul>
 *
 * The command: {@code {shardCollection: "db.coll", key: {field: 1, ...}}} on {@code admin}.
 */
public final class ShardKeys implements CommandInterceptor {

    /** The order of the delete and the insert a shard-key change reports. */
    public enum MoveOrder {
        DELETE_FIRST,
        INSERT_FIRST
    }

    private static final String ID = "_id";

    private final Map<String, List<String>> keys = new ConcurrentHashMap<>();
    private final MoveOrder moveOrder;

    public ShardKeys(MoveOrder moveOrder) {
        this.moveOrder = moveOrder;
    }

    MoveOrder moveOrder() {
        return moveOrder;
    }

    @Override
    public boolean handles(String database, String command, Document query) {
        return "admin".equals(database) && "shardCollection".equals(command);
    }

    @Override
    public Document handle(Channel channel, String database, String command, Document query) {
        if (!(query.get("shardCollection") instanceof String namespace)
                || !namespace.contains(".")
                || !(query.get("key") instanceof Document key)
                || key.isEmpty()) {
            throw new MongoServerError(
                    9,
                    "FailedToParse",
                    "shardCollection takes a namespace 'db.coll' and a non-empty key document");
        }
        keys.put(namespace, List.copyOf(key.keySet()));
        return new Document("collectionsharded", namespace).append("ok", 1.0);
    }

    /**
     * The {@code documentKey} of a document of {@code database.collection}: its shard key fields
     * and {@code _id}, or just {@code _id} when the collection has no shard key.
     */
    Document documentKey(String database, String collection, Object id, Document document) {
        Document documentKey = new Document();
        List<String> fields = keys.get(database + "." + collection);
        if (fields != null && document != null) {
            for (String field : fields) {
                Object value = valueAt(document, field);
                if (value != null) {
                    documentKey.put(field, value);
                }
            }
        }
        if (!documentKey.containsKey(ID)) {
            documentKey.put(ID, id);
        }
        return documentKey;
    }

    /** Whether an update from {@code before} to {@code after} changes the shard key value. */
    boolean moves(String database, String collection, Document before, Document after) {
        List<String> fields = keys.get(database + "." + collection);
        if (fields == null) {
            return false;
        }
        for (String field : fields) {
            Object old = valueAt(before, field);
            Object now = valueAt(after, field);
            if (old == null ? now != null : !old.equals(now)) {
                return true;
            }
        }
        return false;
    }

    private static Object valueAt(Document document, String path) {
        Object value = document;
        for (String part : path.split("\\.", -1)) {
            if (!(value instanceof Document d) || !d.containsKey(part)) {
                return null;
            }
            value = d.get(part);
        }
        return value;
    }
}
