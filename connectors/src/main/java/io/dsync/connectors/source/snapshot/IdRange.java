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
 *
 * <p>A {@linkplain #naturalOrder natural-order} range is a whole capped collection, read in
 * insertion order (connectors/README.md, "Capped collections"). Format versions: 1; 2 (written only
 * for natural-order ranges) adds that flag. Both are read.
 */
public final class IdRange implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Version of the {@link #writeTo} format. */
    private static final byte FORMAT_VERSION = 1;

    private static final byte FORMAT_VERSION_NATURAL = 2;

    private final Namespace namespace;
    private final IdBound lower;
    private final IdBound upper;
    private final String id;
    private final boolean naturalOrder;

    /**
     * @param namespace the source collection
     * @param lower inclusive lower bound, a key or {@link IdBound#MIN}
     * @param upper exclusive upper bound, a key or {@link IdBound#MAX}
     * @param id unique name of this range (the split id)
     */
    public IdRange(Namespace namespace, IdBound lower, IdBound upper, String id) {
        this(namespace, lower, upper, id, false);
    }

    private IdRange(
            Namespace namespace, IdBound lower, IdBound upper, String id, boolean naturalOrder) {
        this.naturalOrder = naturalOrder;
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

    /** The whole collection, one range read in natural (insertion) order: a capped collection. */
    public static IdRange naturalOrder(Namespace namespace, String id) {
        return new IdRange(namespace, IdBound.MIN, IdBound.MAX, id, true);
    }

    /** Whether the range is a whole collection read in natural order, not in {@code _id} order. */
    public boolean isNaturalOrder() {
        return naturalOrder;
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
        out.writeByte(naturalOrder ? FORMAT_VERSION_NATURAL : FORMAT_VERSION);
        out.writeUTF(id);
        out.writeUTF(namespace.database());
        out.writeUTF(namespace.collection());
        lower.writeTo(out);
        upper.writeTo(out);
        if (naturalOrder) {
            out.writeBoolean(true);
        }
    }

    /** Reads a range written by {@link #writeTo}. */
    public static IdRange readFrom(DataInputView in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_NATURAL) {
            throw new IOException(
                    "cannot read _id range written in format version "
                            + version
                            + " (this version reads "
                            + FORMAT_VERSION
                            + " and "
                            + FORMAT_VERSION_NATURAL
                            + ")");
        }
        String id = in.readUTF();
        Namespace ns = new Namespace(in.readUTF(), in.readUTF());
        IdBound lower = IdBound.readFrom(in);
        IdBound upper = IdBound.readFrom(in);
        boolean natural = version == FORMAT_VERSION_NATURAL && in.readBoolean();
        return new IdRange(ns, lower, upper, id, natural);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdRange r
                && r.id.equals(id)
                && r.namespace.equals(namespace)
                && r.lower.equals(lower)
                && r.upper.equals(upper)
                && r.naturalOrder == naturalOrder;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, namespace, lower, upper, naturalOrder);
    }

    @Override
    public String toString() {
        return id
                + " "
                + namespace
                + (naturalOrder ? " (natural order)" : " [" + lower + ", " + upper + ")");
    }
}
