package io.dsync.connectors.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One document-level record flowing from the source to the sink: a snapshot copy of a document or a
 * change event, for one source namespace and one {@code _id}.
 *
 * <p>Documents travel as raw BSON bytes end to end, never decoded into maps or JSON, so that field
 * order, numeric types and every BSON type arrive unchanged. The key is the raw BSON of the
 * one-field document {@code {_id: <value>}}, or for a delete event the event's whole {@code
 * documentKey} ({@code _id} plus, on a sharded collection, the shard key), which the delete is
 * filtered by. Which records are about one document is decided by {@code sink.RecordKeys}, as the
 * destination's {@code _id} index decides it, not by the key's bytes.
 */
public final class ChangeRecord {

    /** What the record says about the document. */
    public enum Kind {
        /** A copy read by the initial sync; may be stale against change events of the same key. */
        SNAPSHOT,
        /** An insert event; {@link #document()} is the inserted document. */
        INSERT,
        /** An update event; {@link #document()} is the looked-up current document. */
        UPDATE,
        /** A replace event; {@link #document()} is the replacement document. */
        REPLACE,
        /** A delete event; there is no document. */
        DELETE,
        /**
         * Not about a document: the source's word that no snapshot copy of the namespace is still
         * on its way ({@link CopyDurable}). Routed to the race guard only, never written.
         */
        COPY_DURABLE,
        /**
         * Not a write: the one reader of a collection copied whole in natural order (a capped
         * collection) delivered its last document. The race guard uses it; nothing writes it.
         */
        COPY_END;

        public boolean isChangeEvent() {
            return this != SNAPSHOT && this != COPY_DURABLE && this != COPY_END;
        }
    }

    private final Kind kind;
    private final String namespace;
    private final byte[] key;
    private final byte[] document;
    private final long clusterTime;

    /**
     * @param kind what happened
     * @param namespace the source namespace, {@code db.coll}
     * @param key raw BSON of {@code {_id: value}}; for a delete, of the event's {@code documentKey}
     * @param document raw BSON of the whole document; {@code null} for {@link Kind#DELETE}
     * @param clusterTime the event's cluster time as a BSON timestamp value; 0 for snapshot copies
     */
    public ChangeRecord(
            Kind kind, String namespace, byte[] key, byte[] document, long clusterTime) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.key = Objects.requireNonNull(key, "key");
        boolean documentless =
                kind == Kind.DELETE || kind == Kind.COPY_DURABLE || kind == Kind.COPY_END;
        if (documentless ? document != null : document == null) {
            throw new IllegalArgumentException(
                    kind + " record " + (document == null ? "needs" : "takes no") + " document");
        }
        this.document = document;
        this.clusterTime = clusterTime;
    }

    public static ChangeRecord snapshot(String namespace, byte[] key, byte[] document) {
        return new ChangeRecord(Kind.SNAPSHOT, namespace, key, document, 0L);
    }

    /** The {@link Kind#COPY_END} marker of {@code namespace} (its key is the empty document). */
    public static ChangeRecord copyEnd(String namespace) {
        return new ChangeRecord(Kind.COPY_END, namespace, new byte[] {5, 0, 0, 0, 0}, null, 0L);
    }

    public Kind kind() {
        return kind;
    }

    public String namespace() {
        return namespace;
    }

    public byte[] key() {
        return key;
    }

    public byte[] document() {
        return document;
    }

    public long clusterTime() {
        return clusterTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeRecord r
                && r.kind == kind
                && r.clusterTime == clusterTime
                && r.namespace.equals(namespace)
                && Arrays.equals(r.key, key)
                && Arrays.equals(r.document, document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, namespace, Arrays.hashCode(key), clusterTime);
    }

    @Override
    public String toString() {
        return kind
                + " "
                + namespace
                + " key="
                + key.length
                + "B doc="
                + (document == null ? "-" : document.length + "B")
                + " t="
                + clusterTime;
    }
}
