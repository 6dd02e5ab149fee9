package io.dsync.connectors.source.changestream;

/**
 * The change stream cannot go on from the saved position because the source's oplog no longer holds
 * it: the events in between are gone, and the migration cannot catch up from here.
 */
public final class ChangeStreamHistoryLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChangeStreamHistoryLostException(ChangeStreamPosition position, Throwable cause) {
        super(
                "The change stream cannot resume from "
                        + position
                        + ": that point has fallen off the source's oplog (the source"
                        + " reported: "
                        + cause.getMessage()
                        + "). Changes made since then are lost to this migration. Restart the"
                        + " migration from scratch (a new initial sync), and make sure it keeps up:"
                        + " enlarge the source's oplog (replSetResizeOplog, or"
                        + " oplogMinRetentionHours) and keep the job's downtime shorter than the"
                        + " oplog window.",
                cause);
    }
}
