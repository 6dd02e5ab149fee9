package io.dsync.connectors.sink;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.dsync.connectors.namespace.NamespaceFilter;
import java.util.Date;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * The destination's record of the source DDL events dsync has applied to it: one document per event
 * in {@code __dsync.appliedDdl}, keyed by the event's identity in the source's change stream (its
 * resume token), written after the DDL took effect and before any later event is let through. A DDL
 * that a restore replays is found here and skipped, so that it cannot act again on a destination
 * that later events have already changed (a rename replayed after the application re-created its
 * old name would otherwise replace the renamed collection).
 */
public final class DdlJournal {

    public static final String COLLECTION = "appliedDdl";

    private final MongoCollection<BsonDocument> applied;

    public DdlJournal(MongoClient destination) {
        this.applied =
                destination
                        .getDatabase(NamespaceFilter.TOOL_DATABASE)
                        .getCollection(COLLECTION, BsonDocument.class)
                        .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    /** Whether the DDL event {@code eventId} was applied to the destination before. */
    public boolean contains(BsonDocument eventId) {
        return applied.find(Filters.eq("_id", eventId)).first() != null;
    }

    /** Records that the DDL event {@code eventId} ({@code description}) has been applied. */
    public void record(BsonDocument eventId, String description) {
        BsonDocument entry =
                new BsonDocument("_id", eventId)
                        .append("ddl", new BsonString(description))
                        .append("appliedAt", new BsonDateTime(new Date().getTime()));
        applied.replaceOne(Filters.eq("_id", eventId), entry, new ReplaceOptions().upsert(true));
    }
}
