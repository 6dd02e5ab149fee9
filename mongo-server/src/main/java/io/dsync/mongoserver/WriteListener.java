package io.dsync.mongoserver;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Receives every change the storage layer makes, after it is made, in the order it was made.
 *
 * <p>The embedded server's collections call this from the single place each kind of write passes
 * through (insert, update of one document, removal of one document), so that every write path
 * (insert, update, replace, delete, findAndModify, bulkWrite, upserts) is seen exactly once. The
 * change-stream oplog is the implementation; calls for one server are serialized by the caller.
 *
 * <p>The document of {@link #onInsert} and the {@code after} document of {@link #onUpdate} are
 * copies the caller made for the listeners: a listener may keep them (later writes to the stored
 * documents do not reach them) and must not change them.
 */
public interface WriteListener {

    /** How an update was requested, which decides whether MongoDB reports update or replace. */
    enum UpdateKind {
        /** An update with operators ({@code $set}...) or a pipeline: an {@code update} event. */
        UPDATE,
        /** A whole replacement document: a {@code replace} event. */
        REPLACE
    }

    void onInsert(String database, String collection, Document document);

    void onUpdate(
            String database, String collection, Document before, Document after, UpdateKind kind);

    void onDelete(String database, String collection, Document removed);

    void onCreateCollection(String database, String collection, Document options);

    void onCreateIndexes(String database, String collection, java.util.List<Document> indexes);

    void onDropCollection(String database, String collection);

    void onRenameCollection(
            String database, String collection, String toDatabase, String toCollection);

    void onDropDatabase(String database);
}
