package io.dsync.connectors.source.changestream;

import io.dsync.connectors.record.ChangeRecord;
import java.util.Objects;

/**
 * One element read from the change stream, with the resume token that goes on after it (its {@link
 * #position()}) and its cluster time.
 */
public final class ChangeStreamEvent {

    /** What the element is. */
    public enum Type {
        /** A document change: {@link #record()} is an INSERT/UPDATE/REPLACE/DELETE record. */
        DOCUMENT,
        /** A collection or database change: see {@link #ddl()}. */
        DDL,
        /** The stream was invalidated; nothing follows. */
        INVALIDATE,
        /**
         * No data, only progress: the stream has been read up to {@link #position()} (the end of a
         * batch, or an event with nothing to apply, such as an update of a document deleted since).
         */
        HEARTBEAT
    }

    private final Type type;
    private final ChangeRecord record;
    private final DdlEvent ddl;
    private final byte[] resumeToken;
    private final long clusterTime;

    /** The position after this element when it is not just {@link #resumeToken}; or null. */
    private final ChangeStreamPosition position;

    private ChangeStreamEvent(
            Type type, ChangeRecord record, DdlEvent ddl, byte[] resumeToken, long clusterTime) {
        this(type, record, ddl, resumeToken, clusterTime, null);
    }

    private ChangeStreamEvent(
            Type type,
            ChangeRecord record,
            DdlEvent ddl,
            byte[] resumeToken,
            long clusterTime,
            ChangeStreamPosition position) {
        this.type = type;
        this.record = record;
        this.ddl = ddl;
        this.resumeToken = Objects.requireNonNull(resumeToken, "resumeToken");
        this.clusterTime = clusterTime;
        this.position = position;
    }

    /**
     * This element with {@code position} as the position to go on from after it (for feeds whose
     * position is more than one resume token, such as per-collection change streams).
     */
    public ChangeStreamEvent at(ChangeStreamPosition position) {
        return new ChangeStreamEvent(
                type, record, ddl, resumeToken, clusterTime, Objects.requireNonNull(position));
    }

    /** This element with another cluster time (0 = unknown). */
    public ChangeStreamEvent withClusterTime(long clusterTime) {
        return new ChangeStreamEvent(type, record, ddl, resumeToken, clusterTime, position);
    }

    public static ChangeStreamEvent document(ChangeRecord record, byte[] resumeToken) {
        if (!record.kind().isChangeEvent()) {
            throw new IllegalArgumentException("not a change event: " + record);
        }
        return new ChangeStreamEvent(
                Type.DOCUMENT, record, null, resumeToken, record.clusterTime());
    }

    public static ChangeStreamEvent ddl(DdlEvent ddl, byte[] resumeToken, long clusterTime) {
        return new ChangeStreamEvent(
                Type.DDL, null, Objects.requireNonNull(ddl), resumeToken, clusterTime);
    }

    public static ChangeStreamEvent invalidate(byte[] resumeToken, long clusterTime) {
        return new ChangeStreamEvent(Type.INVALIDATE, null, null, resumeToken, clusterTime);
    }

    /**
     * @param clusterTime the time the position stands for, or 0 when unknown
     */
    public static ChangeStreamEvent heartbeat(byte[] resumeToken, long clusterTime) {
        return new ChangeStreamEvent(Type.HEARTBEAT, null, null, resumeToken, clusterTime);
    }

    public Type type() {
        return type;
    }

    /** The document change of a {@link Type#DOCUMENT}; {@code null} otherwise. */
    public ChangeRecord record() {
        return record;
    }

    /** The collection change of a {@link Type#DDL}; {@code null} otherwise. */
    public DdlEvent ddl() {
        return ddl;
    }

    /** Raw BSON of the resume token that goes on after this element. */
    public byte[] resumeToken() {
        return resumeToken.clone();
    }

    /** Where to resume to continue after this element. */
    public ChangeStreamPosition position() {
        return position != null ? position : ChangeStreamPosition.ofResumeToken(resumeToken);
    }

    /**
     * The cluster time as a BSON timestamp value ({@code seconds << 32 | increment}); 0 if unknown.
     */
    public long clusterTime() {
        return clusterTime;
    }

    @Override
    public String toString() {
        String what =
                switch (type) {
                    case DOCUMENT -> record.toString();
                    case DDL -> ddl.toString();
                    default -> type.name();
                };
        return what + " @" + (clusterTime >>> 32) + "," + (clusterTime & 0xFFFFFFFFL);
    }
}
