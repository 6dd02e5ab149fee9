package io.dsync.mongoserver.backend;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.LogicalClock;
import io.dsync.mongoserver.WriteListener;
import java.util.List;

/**
 * Advances the cluster time once per stored change when the change streams (which normally do the
 * ticking, as they stamp each oplog entry) are switched off.
 */
public final class ClockTickingWriteListener implements WriteListener {

    private final LogicalClock clock;

    public ClockTickingWriteListener(LogicalClock clock) {
        this.clock = clock;
    }

    @Override
    public void onInsert(String database, String collection, Document document) {
        clock.tick();
    }

    @Override
    public void onUpdate(
            String database, String collection, Document before, Document after, UpdateKind kind) {
        clock.tick();
    }

    @Override
    public void onDelete(String database, String collection, Document removed) {
        clock.tick();
    }

    @Override
    public void onCreateCollection(String database, String collection, Document options) {
        clock.tick();
    }

    @Override
    public void onCreateIndexes(String database, String collection, List<Document> indexes) {
        clock.tick();
    }

    @Override
    public void onDropCollection(String database, String collection) {
        clock.tick();
    }

    @Override
    public void onRenameCollection(
            String database, String collection, String toDatabase, String toCollection) {
        clock.tick();
    }

    @Override
    public void onDropDatabase(String database) {
        clock.tick();
    }
}
