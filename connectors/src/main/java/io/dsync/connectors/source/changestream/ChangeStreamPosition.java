package io.dsync.connectors.source.changestream;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;

/**
 * Where a change stream starts or goes on: either a resume token (the raw BSON of the token
 * document, used with {@code resumeAfter}) or a cluster time (used with {@code
 * startAtOperationTime}, which includes events at that time), never both; or, for flavors that only
 * have per-collection change streams, one resume token per collection ({@link #ofCollections}).
 *
 * <p>Format versions: 1 holds a token or a time; 2 (written only for per-collection positions) adds
 * the per-collection tokens. Both are read.
 *
 * <p>See https://www.mongodb.com/docs/manual/changeStreams/#resume-a-change-stream
 */
public final class ChangeStreamPosition implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final byte FORMAT_VERSION = 1;
    private static final byte FORMAT_VERSION_COLLECTIONS = 2;
    private static final byte TAG_TOKEN = 1;
    private static final byte TAG_TIME = 2;
    private static final byte TAG_COLLECTIONS = 3;

    private final byte[] resumeToken;
    private final long operationTime;

    /** Namespace ({@code db.coll}) → raw resume token; null unless per-collection. */
    private final SortedMap<String, byte[]> collectionTokens;

    private ChangeStreamPosition(byte[] resumeToken, long operationTime) {
        this(resumeToken, operationTime, null);
    }

    private ChangeStreamPosition(
            byte[] resumeToken, long operationTime, SortedMap<String, byte[]> collectionTokens) {
        this.resumeToken = resumeToken;
        this.operationTime = operationTime;
        this.collectionTokens = collectionTokens;
    }

    /**
     * A position of per-collection change streams: for each namespace ({@code db.coll}), the resume
     * token to continue after.
     */
    public static ChangeStreamPosition ofCollections(Map<String, byte[]> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a per-collection position needs a collection");
        }
        SortedMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : tokens.entrySet()) {
            new RawBsonDocument(e.getValue()).size(); // validates the bytes as a document
            copy.put(Objects.requireNonNull(e.getKey(), "namespace"), e.getValue().clone());
        }
        return new ChangeStreamPosition(null, 0, Collections.unmodifiableSortedMap(copy));
    }

    /** Whether this is a position of per-collection change streams. */
    public boolean isPerCollection() {
        return collectionTokens != null;
    }

    /** The per-collection tokens (a copy, by namespace). */
    public SortedMap<String, byte[]> collectionTokens() {
        if (collectionTokens == null) {
            throw new IllegalStateException("position " + this + " is not per collection");
        }
        SortedMap<String, byte[]> copy = new TreeMap<>();
        collectionTokens.forEach((ns, token) -> copy.put(ns, token.clone()));
        return copy;
    }

    /**
     * @param resumeToken raw BSON of a resume token document, e.g. {@code {_data: "8265..."}}
     */
    public static ChangeStreamPosition ofResumeToken(byte[] resumeToken) {
        Objects.requireNonNull(resumeToken, "resumeToken");
        new RawBsonDocument(resumeToken).size(); // validates the bytes as a document
        return new ChangeStreamPosition(resumeToken.clone(), 0);
    }

    /** A position at a cluster time (events at and after it). */
    public static ChangeStreamPosition ofOperationTime(BsonTimestamp operationTime) {
        Objects.requireNonNull(operationTime, "operationTime");
        if (operationTime.getValue() == 0) {
            throw new IllegalArgumentException("operation time must not be zero");
        }
        return new ChangeStreamPosition(null, operationTime.getValue());
    }

    public boolean isResumeToken() {
        return resumeToken != null;
    }

    /** The raw resume token (a copy). */
    public byte[] resumeToken() {
        if (resumeToken == null) {
            throw new IllegalStateException("position " + this + " is a time, not a token");
        }
        return resumeToken.clone();
    }

    /** The resume token as a document for the driver. */
    public RawBsonDocument resumeTokenDocument() {
        return new RawBsonDocument(resumeToken());
    }

    public BsonTimestamp operationTime() {
        if (resumeToken != null || collectionTokens != null) {
            throw new IllegalStateException("position " + this + " is a token, not a time");
        }
        return new BsonTimestamp(operationTime);
    }

    /** Writes this position in a stable, versioned binary format (for Flink state). */
    public void writeTo(DataOutputView out) throws IOException {
        if (collectionTokens != null) {
            out.writeByte(FORMAT_VERSION_COLLECTIONS);
            out.writeByte(TAG_COLLECTIONS);
            out.writeInt(collectionTokens.size());
            for (Map.Entry<String, byte[]> e : collectionTokens.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            return;
        }
        out.writeByte(FORMAT_VERSION);
        if (resumeToken != null) {
            out.writeByte(TAG_TOKEN);
            out.writeInt(resumeToken.length);
            out.write(resumeToken);
        } else {
            out.writeByte(TAG_TIME);
            out.writeLong(operationTime);
        }
    }

    /** Reads a position written by {@link #writeTo}. */
    public static ChangeStreamPosition readFrom(DataInputView in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_COLLECTIONS) {
            throw new IOException(
                    "cannot read change stream position written in format version "
                            + version
                            + " (this version reads "
                            + FORMAT_VERSION
                            + " and "
                            + FORMAT_VERSION_COLLECTIONS
                            + ")");
        }
        byte tag = in.readByte();
        if (tag == TAG_COLLECTIONS && version == FORMAT_VERSION_COLLECTIONS) {
            int count = in.readInt();
            Map<String, byte[]> tokens = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String namespace = in.readUTF();
                byte[] token = new byte[in.readInt()];
                in.readFully(token);
                tokens.put(namespace, token);
            }
            return ofCollections(tokens);
        }
        if (tag == TAG_TOKEN) {
            byte[] token = new byte[in.readInt()];
            in.readFully(token);
            return ofResumeToken(token);
        }
        if (tag == TAG_TIME) {
            return ofOperationTime(new BsonTimestamp(in.readLong()));
        }
        throw new IOException("corrupt change stream position: unknown tag " + tag);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeStreamPosition p
                && p.operationTime == operationTime
                && Arrays.equals(p.resumeToken, resumeToken)
                && sameCollectionTokens(p.collectionTokens, collectionTokens);
    }

    private static boolean sameCollectionTokens(
            SortedMap<String, byte[]> a, SortedMap<String, byte[]> b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 31 * Long.hashCode(operationTime) + Arrays.hashCode(resumeToken);
        if (collectionTokens != null) {
            for (Map.Entry<String, byte[]> e : collectionTokens.entrySet()) {
                hash = 31 * hash + (e.getKey().hashCode() ^ Arrays.hashCode(e.getValue()));
            }
        }
        return hash;
    }

    @Override
    public String toString() {
        if (collectionTokens != null) {
            return "collections(" + collectionTokens.size() + " resume tokens)";
        }
        if (resumeToken == null) {
            BsonTimestamp t = new BsonTimestamp(operationTime);
            return "time(" + t.getTime() + "," + t.getInc() + ")";
        }
        return "token" + new RawBsonDocument(resumeToken).toJson();
    }
}
