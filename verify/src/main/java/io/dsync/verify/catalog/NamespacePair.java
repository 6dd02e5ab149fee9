package io.dsync.verify.catalog;

import io.dsync.connectors.namespace.Namespace;
import java.io.Serializable;
import java.util.Objects;

/** A selected source namespace and the destination namespace it maps to ({@code --map}). */
public record NamespacePair(Namespace source, Namespace destination) implements Serializable {

    public NamespacePair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    /** {@code db.coll}, or {@code db.coll -> other.coll} when mapped elsewhere. */
    public String label() {
        return source.equals(destination) ? source.fullName() : source + " -> " + destination;
    }

    @Override
    public String toString() {
        return label();
    }
}
