package io.dsync.connectors.source;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.sink.DdlApplier;
import io.dsync.connectors.sink.DestinationSchema;
import io.dsync.connectors.source.changestream.DdlEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a DDL event of the source means for the destination, given the namespace selection: a rename
 * out of the selection is a drop, a rename into it cannot be followed (its documents were never
 * copied), and {@code create} makes the destination collection with the source's options.
 */
final class DdlActions {

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

    static void apply(
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
            // The source rename succeeded, so a destination collection already named `to` is one
            // the source replaced (dropTarget) or a leftover: replacing it is right either way.
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
