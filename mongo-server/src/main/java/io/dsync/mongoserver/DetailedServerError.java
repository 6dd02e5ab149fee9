package io.dsync.mongoserver;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * A command error whose reply carries fields besides {@code errmsg}, {@code code} and {@code
 * codeName}, as some of MongoDB's do (for example {@code violations} of {@code collMod}'s
 * CannotConvertIndexToUnique).
 */
public final class DetailedServerError extends MongoServerError {

    private static final long serialVersionUID = 1L;

    private final transient Document fields;

    public DetailedServerError(int code, String codeName, String message, Document fields) {
        super(code, codeName, message);
        this.fields = fields;
    }

    /** The extra fields of the error reply. */
    public Document fields() {
        return fields;
    }
}
