package io.dsync.connectors.source;

import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import java.util.Objects;

/**
 * The deployment's change stream and the position to continue from: the start point taken before
 * the copy began, then the resume token of the last event (or post-batch token) delivered.
 */
public final class ChangeStreamSplit extends MigrationSplit {

    public static final String SPLIT_ID = "change-stream";

    private final ChangeStreamPosition position;

    public ChangeStreamSplit(ChangeStreamPosition position) {
        this.position = Objects.requireNonNull(position, "position");
    }

    public ChangeStreamPosition position() {
        return position;
    }

    @Override
    public String splitId() {
        return SPLIT_ID;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeStreamSplit s && s.position.equals(position);
    }

    @Override
    public int hashCode() {
        return position.hashCode();
    }

    @Override
    public String toString() {
        return "ChangeStreamSplit{" + position + "}";
    }
}
