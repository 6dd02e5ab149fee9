package io.dsync.connectors.source.snapshot;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.namespace.Namespace;
import java.util.Iterator;

/**
 * Divides a collection into {@code _id} ranges for the initial sync.
 *
 * <p>The ranges come lazily, in {@code _id} order, each starting where the previous one ended, the
 * first at the given start bound and the last ending at {@link IdBound#MAX}; so the first ranges of
 * a huge collection can be read while splitting goes on. Each call of {@code next()} may query the
 * server.
 */
public interface IdRangeSplitter {

    /**
     * @param client the source client (not closed here)
     * @param ns the collection
     * @param from where the first range starts ({@link IdBound#MIN} for the whole collection, or
     *     the upper bound of the last range returned before, to go on after a restart)
     * @param firstIndex the index of the first range, used in the range ids {@code db.coll#index}
     */
    Iterator<IdRange> split(MongoClient client, Namespace ns, IdBound from, long firstIndex);

    /** All ranges of a collection. */
    default Iterator<IdRange> split(MongoClient client, Namespace ns) {
        return split(client, ns, IdBound.MIN, 0);
    }

    /** The id of the range with this index. */
    public static String rangeId(Namespace ns, long index) {
        return ns.fullName() + "#" + index;
    }
}
