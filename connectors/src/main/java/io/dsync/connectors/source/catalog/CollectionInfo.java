package io.dsync.connectors.source.catalog;

import io.dsync.connectors.namespace.Namespace;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bson.BsonDocument;

/**
 * One collection as {@code listCollections} reports it: namespace, type, creation options and
 * (where the server reports one) its UUID.
 *
 * <p>See https://www.mongodb.com/docs/manual/reference/command/listCollections/#output
 */
public final class CollectionInfo {

    /** The {@code type} field of {@code listCollections}. */
    public enum Type {
        /** An ordinary collection (also reported when the server gives no type). */
        COLLECTION,
        /** A view: it holds no documents of its own; the migration skips it. */
        VIEW,
        /** A time-series collection: the migration refuses it. */
        TIMESERIES,
        /** A type this version does not know; see {@link #typeName()}. */
        OTHER;

        static Type of(String name) {
            return switch (name) {
                case "collection" -> COLLECTION;
                case "view" -> VIEW;
                case "timeseries" -> TIMESERIES;
                default -> OTHER;
            };
        }
    }

    private final Namespace namespace;
    private final String typeName;
    private final BsonDocument options;
    private final UUID uuid;

    /**
     * @param namespace the collection
     * @param typeName the reported type, e.g. {@code collection}, {@code view}, {@code timeseries}
     * @param options the creation options (empty when none)
     * @param uuid the collection UUID, or {@code null} when not reported
     */
    public CollectionInfo(Namespace namespace, String typeName, BsonDocument options, UUID uuid) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.options = Objects.requireNonNull(options, "options").clone();
        this.uuid = uuid;
    }

    public Namespace namespace() {
        return namespace;
    }

    public Type type() {
        return Type.of(typeName);
    }

    /** The type exactly as the server reported it. */
    public String typeName() {
        return typeName;
    }

    /** The creation options (a copy), e.g. {@code capped}, {@code validator}, {@code collation}. */
    public BsonDocument options() {
        return options.clone();
    }

    public Optional<UUID> uuid() {
        return Optional.ofNullable(uuid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollectionInfo c
                && c.namespace.equals(namespace)
                && c.typeName.equals(typeName)
                && c.options.equals(options)
                && Objects.equals(c.uuid, uuid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, typeName, options, uuid);
    }

    @Override
    public String toString() {
        return namespace + " (" + typeName + (uuid == null ? "" : ", uuid " + uuid) + ")";
    }
}
