package io.dsync.connectors.source.changestream;

import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts change-stream failures into the three ways they are handled: the resume point is lost
 * (fatal, with advice), transient (reopen from the last position), or anything else (propagate).
 *
 * <p>Follows the driver specification's resumable errors:
 * https://github.com/mongodb/specifications/blob/master/source/change-streams/change-streams.md
 */
public final class ChangeStreamErrors {

    static final int CAPPED_POSITION_LOST = 136;
    static final int CHANGE_STREAM_FATAL_ERROR = 280;
    static final int CHANGE_STREAM_HISTORY_LOST = 286;
    static final int NOT_A_REPLICA_SET = 40573;
    static final int BSON_OBJECT_TOO_LARGE = 10334;
    static final int UNRECOGNIZED_PIPELINE_STAGE = 40324;

    /** Resumable codes for servers older than 4.4, which send no error labels. */
    private static final Set<Integer> RESUMABLE_CODES =
            Set.of(
                    6, 7, 43, 63, 89, 91, 133, 150, 189, 234, 262, 9001, 10107, 11600, 11602, 13388,
                    13435, 13436);

    private ChangeStreamErrors() {}

    /** Whether the error says the resume point is no longer in the oplog. */
    public static boolean isHistoryLost(Throwable e) {
        if (!(e instanceof MongoServerException server)) {
            return false;
        }
        int code = server.getCode();
        if (code == CHANGE_STREAM_HISTORY_LOST || code == CAPPED_POSITION_LOST) {
            return true;
        }
        if (code == CHANGE_STREAM_FATAL_ERROR) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("history") || message.contains("no longer be in the oplog");
        }
        return false;
    }

    /** Whether reopening the stream from the last position may succeed. */
    public static boolean isTransient(Throwable e) {
        if (isHistoryLost(e)) {
            return false;
        }
        if (e instanceof MongoException m && m.hasErrorLabel("NonResumableChangeStreamError")) {
            return false;
        }
        if (e instanceof MongoSocketException
                || e instanceof MongoTimeoutException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e instanceof MongoCursorNotFoundException) {
            return true;
        }
        if (e instanceof MongoException m && m.hasErrorLabel("ResumableChangeStreamError")) {
            return true;
        }
        return e instanceof MongoServerException s && RESUMABLE_CODES.contains(s.getCode());
    }

    /**
     * Whether the error says a change event exceeded the 16 MB limit (BSONObjectTooLarge, 10334):
     * reading the same events the same way fails again, so it is never transient.
     */
    public static boolean isEventTooLarge(Throwable e) {
        return e instanceof MongoServerException s
                && (s.getCode() == BSON_OBJECT_TOO_LARGE
                        || "BSONObjectTooLarge".equals(s.getErrorCodeName()));
    }

    /**
     * Whether opening the stream failed because the server does not know {@code
     * $changeStreamSplitLargeEvent} (MongoDB before 6.0.9, and compatible services without it).
     */
    public static boolean isSplitStageUnsupported(Throwable e) {
        return e instanceof MongoServerException s
                && String.valueOf(e.getMessage()).contains("$changeStreamSplitLargeEvent")
                && !isEventTooLarge(e);
    }

    /** Whether the error says the deployment has no change streams (a standalone server). */
    public static boolean isChangeStreamsUnsupported(Throwable e) {
        return e instanceof MongoServerException s
                && (s.getCode() == NOT_A_REPLICA_SET
                        || String.valueOf(e.getMessage())
                                .contains("only supported on replica sets"));
    }
}
