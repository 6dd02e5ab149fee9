package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.WriteListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one {@link WriteListener} the storage layer calls: forwards each change, serialized, to the
 * registered listeners in registration order (the change streams, which tick the clock, first).
 *
 * <p>Changes made by the server for its own bookkeeping (for example the copy behind a rename
 * across databases) are not reported: such code runs inside {@link #muted(Runnable)}.
 */
public final class WriteNotifier implements WriteListener {

    private final List<WriteListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> muted = ThreadLocal.withInitial(() -> Boolean.FALSE);

    public void add(WriteListener listener) {
        listeners.add(listener);
    }

    /** Runs {@code action} without reporting the changes it makes on this thread. */
    public void muted(Runnable action) {
        boolean before = muted.get();
        muted.set(Boolean.TRUE);
        try {
            action.run();
        } finally {
            muted.set(before);
        }
    }

    private boolean silent() {
        return muted.get();
    }

    @Override
    public synchronized void onInsert(String database, String collection, Document document) {
        if (!silent()) {
            listeners.forEach(l -> l.onInsert(database, collection, document));
        }
    }

    @Override
    public synchronized void onUpdate(
            String database, String collection, Document before, Document after, UpdateKind kind) {
        if (!silent()) {
            listeners.forEach(l -> l.onUpdate(database, collection, before, after, kind));
        }
    }

    @Override
    public synchronized void onDelete(String database, String collection, Document removed) {
        if (!silent()) {
            listeners.forEach(l -> l.onDelete(database, collection, removed));
        }
    }

    @Override
    public synchronized void onCreateCollection(
            String database, String collection, Document options) {
        if (!silent()) {
            listeners.forEach(l -> l.onCreateCollection(database, collection, options));
        }
    }

    @Override
    public synchronized void onCreateIndexes(
            String database, String collection, List<Document> indexes) {
        if (!silent()) {
            listeners.forEach(l -> l.onCreateIndexes(database, collection, indexes));
        }
    }

    @Override
    public synchronized void onDropCollection(String database, String collection) {
        if (!silent()) {
            listeners.forEach(l -> l.onDropCollection(database, collection));
        }
    }

    @Override
    public synchronized void onRenameCollection(
            String database, String collection, String toDatabase, String toCollection) {
        if (!silent()) {
            listeners.forEach(
                    l -> l.onRenameCollection(database, collection, toDatabase, toCollection));
        }
    }

    @Override
    public synchronized void onDropDatabase(String database) {
        if (!silent()) {
            listeners.forEach(l -> l.onDropDatabase(database));
        }
    }
}
