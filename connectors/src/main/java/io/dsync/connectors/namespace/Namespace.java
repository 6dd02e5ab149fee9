package io.dsync.connectors.namespace;

import java.io.Serializable;
import java.util.Objects;

/** A MongoDB namespace: a database and a collection in it ({@code db.coll}). */
public final class Namespace implements Serializable, Comparable<Namespace> {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final String collection;

    public Namespace(String database, String collection) {
        if (database == null || database.isEmpty()) {
            throw new IllegalArgumentException("database name must not be empty");
        }
        if (collection == null || collection.isEmpty()) {
            throw new IllegalArgumentException("collection name must not be empty");
        }
        this.database = database;
        this.collection = collection;
    }

    /** Parses {@code db.coll}; the collection part may itself contain dots. */
    public static Namespace parse(String fullName) {
        int dot = fullName.indexOf('.');
        if (dot <= 0 || dot == fullName.length() - 1) {
            throw new IllegalArgumentException(
                    "not a namespace (expected database.collection): " + fullName);
        }
        return new Namespace(fullName.substring(0, dot), fullName.substring(dot + 1));
    }

    public String database() {
        return database;
    }

    public String collection() {
        return collection;
    }

    public String fullName() {
        return database + "." + collection;
    }

    @Override
    public int compareTo(Namespace other) {
        int c = database.compareTo(other.database);
        return c != 0 ? c : collection.compareTo(other.collection);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Namespace n
                && n.database.equals(database)
                && n.collection.equals(collection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(database, collection);
    }

    @Override
    public String toString() {
        return fullName();
    }
}
