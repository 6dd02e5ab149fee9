package io.dsync.connectors.source.changestream;

import io.dsync.connectors.namespace.Namespace;
import java.util.Objects;

/**
 * A change of the source's collections, from a change stream: a collection created, dropped or
 * renamed, or a database dropped.
 */
public final class DdlEvent {

    /** What happened. */
    public enum Kind {
        /** A collection was created ({@code create}). */
        CREATE,
        /** A collection was dropped ({@code drop}). */
        DROP,
        /** A collection was renamed to {@link #target()} ({@code rename}). */
        RENAME,
        /** A whole database was dropped ({@code dropDatabase}); there is no collection. */
        DROP_DATABASE
    }

    private final Kind kind;
    private final String database;
    private final Namespace namespace;
    private final Namespace target;

    private DdlEvent(Kind kind, String database, Namespace namespace, Namespace target) {
        this.kind = kind;
        this.database = database;
        this.namespace = namespace;
        this.target = target;
    }

    public static DdlEvent create(Namespace ns) {
        return new DdlEvent(Kind.CREATE, ns.database(), ns, null);
    }

    public static DdlEvent drop(Namespace ns) {
        return new DdlEvent(Kind.DROP, ns.database(), ns, null);
    }

    public static DdlEvent rename(Namespace from, Namespace to) {
        return new DdlEvent(Kind.RENAME, from.database(), from, Objects.requireNonNull(to, "to"));
    }

    public static DdlEvent dropDatabase(String database) {
        return new DdlEvent(Kind.DROP_DATABASE, Objects.requireNonNull(database), null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The database of the source namespace (the dropped database for DROP_DATABASE). */
    public String database() {
        return database;
    }

    /** The source namespace; {@code null} for {@link Kind#DROP_DATABASE}. */
    public Namespace namespace() {
        return namespace;
    }

    /** The new namespace of a {@link Kind#RENAME}; {@code null} otherwise. */
    public Namespace target() {
        return target;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DdlEvent d
                && d.kind == kind
                && d.database.equals(database)
                && Objects.equals(d.namespace, namespace)
                && Objects.equals(d.target, target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, database, namespace, target);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DROP_DATABASE -> "DROP_DATABASE " + database;
            case RENAME -> "RENAME " + namespace + " -> " + target;
            default -> kind + " " + namespace;
        };
    }
}
