package io.dsync.connectors.source.changestream;

/** The source deployment offers no change streams, so a live migration is impossible. */
public final class ChangeStreamsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChangeStreamsUnavailableException(Throwable cause) {
        super(
                "The source does not support change streams, so changes made during the copy"
                        + " cannot be followed: it is not a replica set or sharded cluster (the"
                        + " source reported: "
                        + cause.getMessage()
                        + "). Use --mode initial-sync for a one-time copy, or make the source a"
                        + " replica set (a single-member replica set is enough).",
                cause);
    }
}
