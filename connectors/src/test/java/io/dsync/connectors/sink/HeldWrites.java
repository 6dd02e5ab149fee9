package io.dsync.connectors.sink;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.WriteListener;
import io.netty.channel.Channel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A destination-side gate that forces an order between two writers: a {@code delete} or {@code
 * update} command of one collection is held (its connection waits) until the server has applied the
 * releasing write (an insert or update, or a delete) of every {@code _id} the command names. Ids
 * are compared through {@code identity}, so that {@code NumberInt(7)} and {@code NumberLong(7)} (or
 * strings equal under a collation) count as one. It holds a command only when another write of the
 * same documents is still to come; a sink that folds the records of one document into one write
 * never sends the held kind at all.
 *
 * <p>It waits inside {@link #handles}, before the server looks at the command, and then lets the
 * server run it as usual.
 */
final class HeldWrites implements CommandInterceptor, WriteListener {

    /** The write whose application releases held commands. */
    enum Release {
        UPSERT,
        DELETE
    }

    private final String database;
    private final String collection;
    private final String heldCommand;
    private final Release release;
    private final Predicate<Object> heldSpelling;
    private final Function<Object, Object> identity;
    private final Set<Object> applied = new HashSet<>();
    private boolean armed;
    private int held;

    HeldWrites(
            String database,
            String collection,
            String heldCommand,
            Release release,
            Predicate<Object> heldSpelling,
            Function<Object, Object> identity) {
        this.database = database;
        this.collection = collection;
        this.heldCommand = heldCommand;
        this.release = release;
        this.heldSpelling = heldSpelling;
        this.identity = identity;
    }

    /** Starts holding; writes applied before (the test's setup) release nothing. */
    synchronized void arm() {
        applied.clear();
        armed = true;
    }

    /** How many commands of the held kind and spelling arrived (0 when no writer sent one). */
    synchronized int held() {
        return held;
    }

    @Override
    public boolean handles(String db, String command, Document query) {
        if (!db.equals(database)
                || !command.equals(heldCommand)
                || !collection.equals(query.get(command))) {
            return false;
        }
        Set<Object> ids = new HashSet<>();
        Object statements = query.get(command.equals("delete") ? "deletes" : "updates");
        for (Object statement : (List<?>) statements) {
            Object id = ((Document) ((Document) statement).get("q")).get("_id");
            if (heldSpelling.test(id)) {
                ids.add(identity.apply(id));
            }
        }
        synchronized (this) {
            if (!armed || ids.isEmpty()) {
                return false;
            }
            held++;
            while (!applied.containsAll(ids)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false; // the server runs the command now
    }

    @Override
    public Document handle(Channel channel, String db, String command, Document query) {
        throw new IllegalStateException("never answers a command");
    }

    private synchronized void applied(String db, String coll, Document document, Release kind) {
        if (db.equals(database) && coll.equals(collection) && kind == release) {
            applied.add(identity.apply(document.get("_id")));
            notifyAll();
        }
    }

    @Override
    public void onInsert(String db, String coll, Document document) {
        applied(db, coll, document, Release.UPSERT);
    }

    @Override
    public void onUpdate(String db, String coll, Document before, Document after, UpdateKind kind) {
        applied(db, coll, after, Release.UPSERT);
    }

    @Override
    public void onDelete(String db, String coll, Document removed) {
        applied(db, coll, removed, Release.DELETE);
    }

    @Override
    public void onCreateCollection(String db, String coll, Document options) {}

    @Override
    public void onCreateIndexes(String db, String coll, List<Document> indexes) {}

    @Override
    public void onDropCollection(String db, String coll) {}

    @Override
    public void onRenameCollection(String db, String coll, String toDb, String toColl) {}

    @Override
    public void onDropDatabase(String db) {}
}
