package io.dsync.connectors.source.changestream;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;

/**
 * Where a change stream starts or goes on: either a resume token (the raw BSON of the token
 * document, used with {@code resumeAfter}) or a cluster time (used with {@code
 * startAtOperationTime}, which includes events at that time), never both.
 *
 * <p>See https://www.mongodb.com/docs/manual/changeStreams/#resume-a-change-stream
 */
public final class ChangeStreamPosition implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final byte FORMAT_VERSION = 1;
    private static final byte TAG_TOKEN = 1;
    private static final byte TAG_TIME = 2;

    private final byte[] resumeToken;
    private final long operationTime;

    private ChangeStreamPosition(byte[] resumeToken, long operationTime) {
        this.resumeToken = resumeToken;
        this.operationTime = operationTime;
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
        if (resumeToken != null) {
            throw new IllegalStateException("position " + this + " is a token, not a time");
        }
        return new BsonTimestamp(operationTime);
    }

    /** Writes this position in a stable, versioned binary format (for Flink state). */
    public void writeTo(DataOutputView out) throws IOException {
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
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    "cannot read change stream position written in format version "
                            + version
                            + " (this version reads "
                            + FORMAT_VERSION
                            + ")");
        }
        byte tag = in.readByte();
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
                && Arrays.equals(p.resumeToken, resumeToken);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(operationTime) + Arrays.hashCode(resumeToken);
    }

    @Override
    public String toString() {
        if (resumeToken == null) {
            BsonTimestamp t = new BsonTimestamp(operationTime);
            return "time(" + t.getTime() + "," + t.getInc() + ")";
        }
        return "token" + new RawBsonDocument(resumeToken).toJson();
    }
}
