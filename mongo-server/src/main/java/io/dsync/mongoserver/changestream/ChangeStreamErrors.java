package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.Locale;

/** The errors change streams answer with, with MongoDB 7.0's codes, names and messages. */
final class ChangeStreamErrors {

    private ChangeStreamErrors() {}

    /**
     * The resume point is older than the retained oplog ("Resume a Change Stream", MongoDB manual:
     * "Resume Tokens"; https://www.mongodb.com/docs/v7.0/changeStreams/#resume-a-change-stream).
     */
    static MongoServerError historyLost() {
        return new MongoServerError(
                286,
                "ChangeStreamHistoryLost",
                "Resume of change stream was not possible, as the resume point may no longer be in"
                        + " the oplog.");
    }

    static MongoServerError fatal(String message) {
        return new MongoServerError(280, "ChangeStreamFatalError", message);
    }

    static MongoServerError invalidResumeToken(String message) {
        return new MongoServerError(260, "InvalidResumeToken", message);
    }

    static MongoServerError badValue(String message) {
        return new MongoServerError(2, "BadValue", message);
    }

    static MongoServerError typeMismatch(String field, Object value, String expected) {
        return new MongoServerError(
                14,
                "TypeMismatch",
                "BSON field '$changeStream."
                        + field
                        + "' is the wrong type '"
                        + (value == null ? "null" : value.getClass().getSimpleName())
                        + "', expected type '"
                        + expected
                        + "'");
    }

    static MongoServerError illegalOperation(String message) {
        return new MongoServerError(20, "IllegalOperation", message);
    }

    static MongoServerError invalidNamespace(String message) {
        return new MongoServerError(73, "InvalidNamespace", message);
    }

    static MongoServerError noMatchingDocument(String message) {
        return new MongoServerError(47, "NoMatchingDocument", message);
    }

    static MongoServerError cursorKilled(long cursorId) {
        return new MongoServerError(237, "CursorKilled", "cursor id " + cursorId + " was killed");
    }

    /**
     * An event larger than the server lets a change stream return, as MongoDB words it ("Change
     * Streams Production Recommendations": change events must fit the BSON size limit;
     * https://www.mongodb.com/docs/manual/administration/change-streams-production-recommendations/).
     */
    static MongoServerError objectTooLarge(int size, int limit, Object token) {
        return new MongoServerError(
                10334,
                "BSONObjectTooLarge",
                "Executor error during getMore :: caused by :: BSONObj size: "
                        + size
                        + " (0x"
                        + Integer.toHexString(size).toUpperCase(Locale.ROOT)
                        + ") is invalid. Size must be between 0 and "
                        + limit
                        + "(16MB) First element: _id: "
                        + token);
    }

    static MongoServerError unrecognizedStage(String name) {
        return new MongoServerError(
                40324, "Location40324", "Unrecognized pipeline stage name: '" + name + "'");
    }

    static MongoServerError unauthorized(String message) {
        return new MongoServerError(13, "Unauthorized", message);
    }
}
