package io.dsync.connectors.source;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.sink.DdlApplier;
import io.dsync.connectors.sink.DdlJournal;
import io.dsync.connectors.sink.DestinationSchema;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.DdlEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a DDL event of the source means for the destination, given the namespace selection: a rename
 * out of the selection is a drop, a rename into it cannot be followed (its documents were never
 * copied), and {@code create} makes the destination collection with the source's options. Each DDL
 * is applied once: the {@link DdlJournal} at the destination skips one that a restore replays.
 */
final class DdlActions {

    private static final Logger LOG = LoggerFactory.getLogger(DdlActions.class);

    private DdlActions() {}

    static SourceEvents.DdlNotice notice(DdlEvent ddl, NamespaceFilter filter) {
        List<String> namespaces = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        switch (ddl.kind()) {
            case DROP_DATABASE:
                databases.add(ddl.database());
                return new SourceEvents.DdlNotice(
                        "database " + ddl.database() + " was dropped on the source",
                        namespaces,
                        databases);
            case RENAME:
                namespaces.add(ddl.namespace().fullName());
                namespaces.add(ddl.target().fullName());
                return new SourceEvents.DdlNotice(
                        "collection "
                                + ddl.namespace()
                                + " was renamed to "
                                + ddl.target()
                                + " on the source",
                        namespaces,
                        databases);
            case DROP:
                namespaces.add(ddl.namespace().fullName());
                return new SourceEvents.DdlNotice(
                        "collection " + ddl.namespace() + " was dropped on the source",
                        namespaces,
                        databases);
            case CREATE:
                return new SourceEvents.DdlNotice(
                        "collection " + ddl.namespace() + " was created on the source",
                        namespaces,
                        databases);
            default:
                throw new IllegalStateException("unexpected DDL event " + ddl);
        }
    }

    /**
     * Applies {@code ddl}, the change-stream event at {@code position}, unless the journal says it
     * was applied before; then records it as applied.
     */
    static void apply(
            DdlEvent ddl,
            ChangeStreamPosition position,
            NamespaceFilter filter,
            DdlApplier applier,
            DestinationSchema schema,
            DdlJournal journal) {
        BsonDocument eventId = eventId(ddl, position);
        if (journal.contains(eventId)) {
            LOG.info("{} was applied to the destination before (replayed after a restore)", ddl);
            return;
        }
        apply(ddl, filter, applier, schema);
        journal.record(eventId, ddl.toString());
    }

    /** The identity of a DDL event: its resume token (or cluster time), and what it did. */
    static BsonDocument eventId(DdlEvent ddl, ChangeStreamPosition position) {
        BsonDocument id = new BsonDocument();
        if (position.isPerCollection()) {
            BsonDocument tokens = new BsonDocument();
            for (Map.Entry<String, byte[]> e : position.collectionTokens().entrySet()) {
                tokens.append(e.getKey(), new RawBsonDocument(e.getValue()));
            }
            id.append("tokens", tokens);
        } else if (position.isResumeToken()) {
            id.append("token", position.resumeTokenDocument());
        } else {
            id.append("time", position.operationTime());
        }
        return id.append("ddl", new BsonString(ddl.toString()));
    }

    private static void apply(
            DdlEvent ddl, NamespaceFilter filter, DdlApplier applier, DestinationSchema schema) {
        switch (ddl.kind()) {
            case DROP_DATABASE:
                applier.dropDatabase(ddl.database());
                break;
            case DROP:
                applier.dropCollection(ddl.namespace());
                break;
            case CREATE:
                schema.createCollection(ddl.namespace());
                break;
            case RENAME:
                applyRename(ddl.namespace(), ddl.target(), filter, applier);
                break;
            default:
                throw new IllegalStateException("unexpected DDL event " + ddl);
        }
    }

    private static void applyRename(
            Namespace from, Namespace to, NamespaceFilter filter, DdlApplier applier) {
        boolean fromSelected = filter.includes(from);
        boolean toSelected = filter.includes(to);
        if (fromSelected && toSelected) {
            // Not in the journal, so no event after this rename has been written yet: a
            // destination collection already named `to` is the one the source's rename replaced
            // (dropTarget), or the copy of a cross-database rename cut short by a crash. Replacing
            // it drops nothing the source still has.
            applier.rename(from, to, true);
        } else if (fromSelected) {
            applier.dropCollection(from);
        } else if (toSelected) {
            throw MigrationStoppedException.fatal(
                    new MigrationStoppedException(
                            "collection "
                                    + from
                                    + " (not selected) was renamed to "
                                    + to
                                    + " (selected) on the source: its documents were never"
                                    + " copied. Start the migration again to copy it"));
        }
    }
}
