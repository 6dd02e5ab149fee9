package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.exception.MongoServerError;

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

    static MongoServerError unauthorized(String message) {
        return new MongoServerError(13, "Unauthorized", message);
    }
}
