package io.dsync.mongoserver.changestream;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;

/**
 * The open change-stream cursors by id. Ids are random positive longs, so they do not collide with
 * the backend's own (counted) cursor ids. A cursor is killed when its client's connection closes.
 */
final class ChangeStreamCursors {

    private final Map<Long, ChangeStreamCursor> cursors = new ConcurrentHashMap<>();
    private final Oplog oplog;

    ChangeStreamCursors(Oplog oplog) {
        this.oplog = oplog;
    }

    /** Creates a cursor with a new id and registers it; {@code channel} may be null. */
    ChangeStreamCursor open(LongFunction<ChangeStreamCursor> factory, Channel channel) {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        } while (cursors.containsKey(id));
        ChangeStreamCursor cursor = factory.apply(id);
        cursors.put(id, cursor);
        if (channel != null) {
            long cursorId = id;
            channel.closeFuture().addListener(future -> kill(cursorId));
        }
        return cursor;
    }

    ChangeStreamCursor get(long id) {
        return cursors.get(id);
    }

    boolean contains(long id) {
        return cursors.containsKey(id);
    }

    /** Removes a cursor that is done (exhausted or failed). */
    void remove(long id) {
        cursors.remove(id);
    }

    /** Kills a cursor, waking a getMore that waits on it; false when there is no such cursor. */
    boolean kill(long id) {
        ChangeStreamCursor cursor = cursors.remove(id);
        if (cursor == null) {
            return false;
        }
        cursor.kill();
        oplog.wakeReaders();
        return true;
    }
}
