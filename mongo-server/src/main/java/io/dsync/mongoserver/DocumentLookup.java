package io.dsync.mongoserver;

import de.bwaldvogel.mongo.bson.Document;

/** Looks up the current version of a document by {@code _id} (for {@code updateLookup}). */
@FunctionalInterface
public interface DocumentLookup {

    /** Returns the document, or {@code null} when the namespace or the document does not exist. */
    Document findById(String database, String collection, Object id);
}
