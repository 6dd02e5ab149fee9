package io.dsync.mongoserver.cursor;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Candidates for a cursor, produced one at a time while the cursor holds its lock (for a scan of
 * stored documents, the collection's monitor).
 */
@FunctionalInterface
public interface DocumentSource {

    /** The next candidate, or {@code null} when there is none left. */
    Document next();
}
