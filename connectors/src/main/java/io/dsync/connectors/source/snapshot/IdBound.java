package io.dsync.connectors.source.snapshot;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Base64;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.bson.RawBsonDocument;

/**
 * One end of an {@link IdRange}: the open bound {@link #MIN} or {@link #MAX}, or a key, the raw
 * BSON of {@code {_id: <value>}} as the server returned it.
 */
public final class IdBound implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final byte TAG_MIN = 0;
    private static final byte TAG_KEY = 1;
    private static final byte TAG_MAX = 2;

    /** Below every {@code _id}: the range starts at the beginning of the collection. */
    public static final IdBound MIN = new IdBound(TAG_MIN, null);

    /** Above every {@code _id}: the range runs to the end of the collection. */
    public static final IdBound MAX = new IdBound(TAG_MAX, null);

    private final byte tag;
    private final byte[] key;

    private IdBound(byte tag, byte[] key) {
        this.tag = tag;
        this.key = key;
    }

    /**
     * @param idKey raw BSON of {@code {_id: value}} (copied)
     */
    public static IdBound of(byte[] idKey) {
        RawBsonField id = RawBsonField.find(idKey, "_id");
        if (id == null) {
            throw new IllegalArgumentException("an _id bound must be the document {_id: value}");
        }
        return new IdBound(TAG_KEY, idKey.clone());
    }

    public boolean isMin() {
        return tag == TAG_MIN;
    }

    public boolean isMax() {
        return tag == TAG_MAX;
    }

    /** Whether this is a key rather than an open bound. */
    public boolean isKey() {
        return tag == TAG_KEY;
    }

    /** The raw BSON of {@code {_id: value}} (a copy). */
    public byte[] keyBytes() {
        requireKey();
        return key.clone();
    }

    /** The key as a document for {@code find().min(..)} / {@code max(..)}. */
    public RawBsonDocument asDocument() {
        requireKey();
        return new RawBsonDocument(key);
    }

    private void requireKey() {
        if (tag != TAG_KEY) {
            throw new IllegalStateException("open bound " + this + " has no key");
        }
    }

    void writeTo(DataOutputView out) throws IOException {
        out.writeByte(tag);
        if (tag == TAG_KEY) {
            out.writeInt(key.length);
            out.write(key);
        }
    }

    static IdBound readFrom(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case TAG_MIN:
                return MIN;
            case TAG_MAX:
                return MAX;
            case TAG_KEY:
                byte[] key = new byte[in.readInt()];
                in.readFully(key);
                return new IdBound(TAG_KEY, key);
            default:
                throw new IOException("corrupt _id bound: unknown tag " + tag);
        }
    }

    private Object readResolve() {
        return tag == TAG_MIN ? MIN : tag == TAG_MAX ? MAX : this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdBound b && b.tag == tag && Arrays.equals(b.key, key);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        if (tag != TAG_KEY) {
            return tag == TAG_MIN ? "MIN" : "MAX";
        }
        try {
            return asDocument().toJson();
        } catch (RuntimeException e) {
            return "key:" + Base64.getEncoder().encodeToString(key);
        }
    }
}
