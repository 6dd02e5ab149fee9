package io.dsync.connectors.source.snapshot;

import io.dsync.connectors.namespace.Namespace;
import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A range of one collection's {@code _id} index, {@code [lower, upper)} in the server's index
 * order, read by one {@link SnapshotRangeReader}. The ranges a splitter returns for a collection
 * cover every {@code _id} exactly once, whatever the mix of {@code _id} types.
 */
public final class IdRange implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Version of the {@link #writeTo} format. */
    private static final byte FORMAT_VERSION = 1;

    private final Namespace namespace;
    private final IdBound lower;
    private final IdBound upper;
    private final String id;

    /**
     * @param namespace the source collection
     * @param lower inclusive lower bound, a key or {@link IdBound#MIN}
     * @param upper exclusive upper bound, a key or {@link IdBound#MAX}
     * @param id unique name of this range (the split id)
     */
    public IdRange(Namespace namespace, IdBound lower, IdBound upper, String id) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.lower = Objects.requireNonNull(lower, "lower");
        this.upper = Objects.requireNonNull(upper, "upper");
        this.id = Objects.requireNonNull(id, "id");
        if (lower.isMax() || upper.isMin()) {
            throw new IllegalArgumentException(
                    "range " + id + " has lower bound " + lower + " and upper bound " + upper);
        }
    }

    /** The whole collection, one range. */
    public static IdRange whole(Namespace namespace, String id) {
        return new IdRange(namespace, IdBound.MIN, IdBound.MAX, id);
    }

    public Namespace namespace() {
        return namespace;
    }

    public IdBound lower() {
        return lower;
    }

    public IdBound upper() {
        return upper;
    }

    public String id() {
        return id;
    }

    /** Writes this range in a stable, versioned binary format (for Flink split state). */
    public void writeTo(DataOutputView out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeUTF(id);
        out.writeUTF(namespace.database());
        out.writeUTF(namespace.collection());
        lower.writeTo(out);
        upper.writeTo(out);
    }

    /** Reads a range written by {@link #writeTo}. */
    public static IdRange readFrom(DataInputView in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    "cannot read _id range written in format version "
                            + version
                            + " (this version reads "
                            + FORMAT_VERSION
                            + ")");
        }
        String id = in.readUTF();
        Namespace ns = new Namespace(in.readUTF(), in.readUTF());
        return new IdRange(ns, IdBound.readFrom(in), IdBound.readFrom(in), id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdRange r
                && r.id.equals(id)
                && r.namespace.equals(namespace)
                && r.lower.equals(lower)
                && r.upper.equals(upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, namespace, lower, upper);
    }

    @Override
    public String toString() {
        return id + " " + namespace + " [" + lower + ", " + upper + ")";
    }
}
