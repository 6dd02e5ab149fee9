package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import java.util.UUID;

/**
 * One stored change, in the retained oplog. Immutable; the documents it holds are private copies.
 *
 * @param clusterTime the entry's cluster time ({@code seconds << 32 | increment}), unique and
 *     strictly increasing along the oplog
 * @param wallTimeMillis wall clock time of the write
 * @param type the kind of change
 * @param database database of the changed namespace
 * @param collection collection of the changed namespace ({@code null} for dropDatabase)
 * @param collectionUuid the collection's UUID (reported with {@code showExpandedEvents})
 * @param documentId {@code _id} of the changed document (document changes only)
 * @param document the inserted or replacing document (insert and replace)
 * @param updateDescription {@code {updatedFields, removedFields, truncatedArrays}} (update)
 * @param toDatabase target database (rename)
 * @param toCollection target collection (rename)
 * @param operationDescription description of a DDL event (create, createIndexes)
 * @param documentKey {@code _id} and, for a collection with a shard key, the shard key fields
 *     ({@link ShardKeys}); null for entries that are not document changes
 */
record OplogEntry(
        long clusterTime,
        long wallTimeMillis,
        OperationType type,
        String database,
        String collection,
        UUID collectionUuid,
        Object documentId,
        Document document,
        Document updateDescription,
        String toDatabase,
        String toCollection,
        Document operationDescription,
        Document documentKey) {

    /** Whether this entry changes the namespace {@code database.collection} itself or its data. */
    boolean concerns(String db, String coll) {
        return database.equals(db) && coll.equals(collection);
    }

    /** Whether this is a rename whose target is {@code database.collection}. */
    boolean renamesTo(String db, String coll) {
        return type == OperationType.RENAME && db.equals(toDatabase) && coll.equals(toCollection);
    }
}
