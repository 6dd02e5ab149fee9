package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.cursor.BatchLimits;
import io.dsync.mongoserver.cursor.CursorStore;
import io.dsync.mongoserver.cursor.ServerCursor;
import java.util.List;

/** Builds cursor replies ({@code firstBatch}/{@code nextBatch}), registering open cursors. */
final class CursorReplies {

    private CursorReplies() {}

    /** The first batch of {@code cursor}; the cursor stays open only if results remain. */
    static Document first(
            CursorStore store, ServerCursor cursor, Integer batchSize, boolean single) {
        List<Object> batch = cursor.nextBatch(BatchLimits.firstBatchSize(batchSize));
        long id = 0;
        if (!cursor.exhausted() && !single) {
            id = store.register(cursor);
        }
        return reply("firstBatch", cursor.namespace(), batch, id);
    }

    static Document reply(String batchField, String namespace, List<?> batch, long id) {
        Document cursor = new Document(batchField, batch).append("id", id).append("ns", namespace);
        return new Document("cursor", cursor).append("ok", 1.0);
    }

    /** The {@code cursor.batchSize} of an aggregate or list command, or null. */
    static Integer cursorBatchSize(Document command) {
        if (command.get("cursor") instanceof Document cursor
                && cursor.get("batchSize") instanceof Number n) {
            return n.intValue();
        }
        return null;
    }
}
