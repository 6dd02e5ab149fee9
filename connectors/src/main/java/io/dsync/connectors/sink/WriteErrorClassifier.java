package io.dsync.connectors.sink;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.BsonDocument;

/**
 * Decides whether a failed write may succeed when retried (transient) or must stop the job
 * (permanent), and what the user can do about a permanent one.
 *
 * <p>Retrying is always safe here because every write is idempotent (upsert by {@code _id} of the
 * whole document, delete by {@code _id}); the question is only whether retrying can help.
 *
 * @see <a
 *     href="https://github.com/mongodb/specifications/blob/master/source/retryable-writes/retryable-writes.md#determining-retryable-errors">
 *     Retryable writes: determining retryable errors</a>
 * @see <a href="https://www.mongodb.com/docs/manual/reference/error-codes/">MongoDB error codes</a>
 */
final class WriteErrorClassifier {

    /** The error label servers (4.4+) put on errors a write may be retried after. */
    static final String RETRYABLE_WRITE_ERROR_LABEL = "RetryableWriteError";

    /** Azure Cosmos DB for MongoDB: request rate too large (throttling). */
    static final int TOO_MANY_REQUESTS = 16500;

    /** Server error codes after which the same write may succeed. */
    private static final Set<Integer> TRANSIENT_CODES =
            Set.of(
                    6, // HostUnreachable
                    7, // HostNotFound
                    24, // LockTimeout
                    46, // LockBusy
                    50, // MaxTimeMSExpired
                    63, // StaleShardVersion (mongos normally retries itself)
                    64, // WriteConcernFailed (wtimeout: the write happened, not yet replicated)
                    89, // NetworkTimeout
                    91, // ShutdownInProgress
                    112, // WriteConflict
                    150, // StaleEpoch
                    189, // PrimarySteppedDown
                    262, // ExceededTimeLimit
                    9001, // SocketException
                    10058, // LegacyNotPrimary
                    10107, // NotWritablePrimary
                    11600, // InterruptedAtShutdown
                    11602, // InterruptedDueToReplStateChange
                    13388, // StaleConfig
                    13435, // NotPrimaryNoSecondaryOk
                    13436, // NotPrimaryOrSecondary
                    TOO_MANY_REQUESTS);

    private static final Set<Integer> DUPLICATE_KEY_CODES = Set.of(11000, 11001, 12582);
    private static final Set<Integer> TOO_LARGE_CODES = Set.of(10334, 17419, 17420, 10329);
    private static final int BAD_VALUE = 2;
    private static final int DOCUMENT_VALIDATION_FAILURE = 121;
    private static final Set<Integer> AUTH_CODES = Set.of(13, 18, 8000);

    private static final Pattern RETRY_AFTER_MS = Pattern.compile("RetryAfterMs\\W{0,3}(\\d+)");

    static final String DUPLICATE_KEY_ADVICE =
            "Another document at the destination already holds the same value of a unique"
                    + " secondary index. Make sure the destination collection was empty before the"
                    + " migration and that its unique indexes match the source's (a unique index"
                    + " that exists only at the destination, or a different collation, causes this),"
                    + " then restart.";
    static final String TOO_LARGE_ADVICE =
            "The destination refuses a document of this size (its limit may be lower than the"
                    + " source's, for example on a MongoDB-compatible service). Shrink the document"
                    + " at the source or exclude the namespace, then restart.";
    static final String VALIDATION_ADVICE =
            "The document does not satisfy the destination collection's validator. Fix or relax"
                    + " the validator at the destination, or enable bypassing document validation,"
                    + " then restart.";
    static final String AUTH_ADVICE =
            "The destination user cannot write there. Check the user name and password of the"
                    + " destination connection string and grant the readWrite role on the"
                    + " destination databases, then restart.";
    static final String GENERIC_ADVICE =
            "The destination rejected the write with an error dsync does not retry. Fix the cause"
                    + " named above and restart from the last checkpoint.";

    private WriteErrorClassifier() {}

    /** Whether a server error code means a duplicate key (on {@code _id} or a unique index). */
    static boolean isDuplicateKey(int code) {
        return DUPLICATE_KEY_CODES.contains(code);
    }

    /** The verdict on one error. */
    record Verdict(boolean transientError, Optional<Duration> retryAfter, String advice) {

        static Verdict retry() {
            return new Verdict(true, Optional.empty(), "");
        }

        static Verdict retryAfter(Optional<Duration> delay) {
            return new Verdict(true, delay, "");
        }

        static Verdict fail(String advice) {
            return new Verdict(false, Optional.empty(), advice);
        }
    }

    /**
     * Classifies an exception thrown by a write that did not report per-operation errors (for a
     * {@link MongoBulkWriteException}, classify each write error with {@link #classify(int, String,
     * BsonDocument)} and the write concern error on its own).
     */
    static Verdict classify(Throwable error) {
        if (error instanceof MongoSecurityException) {
            return Verdict.fail(AUTH_ADVICE);
        }
        if (error instanceof MongoSocketException
                || error instanceof MongoTimeoutException
                || error instanceof MongoOperationTimeoutException
                || error instanceof MongoConnectionPoolClearedException
                || error instanceof MongoServerUnavailableException
                || error instanceof MongoNotPrimaryException
                || error instanceof MongoNodeIsRecoveringException
                || error instanceof MongoExecutionTimeoutException) {
            return Verdict.retry();
        }
        if (error instanceof MongoException mongo
                && mongo.hasErrorLabel(RETRYABLE_WRITE_ERROR_LABEL)) {
            return Verdict.retryAfter(retryAfter(error.getMessage(), null));
        }
        if (error instanceof MongoBulkWriteException bulk) {
            if (bulk.getWriteConcernError() != null && bulk.getWriteErrors().isEmpty()) {
                return classify(
                        bulk.getWriteConcernError().getCode(),
                        bulk.getWriteConcernError().getMessage(),
                        bulk.getWriteConcernError().getDetails());
            }
            if (!bulk.getWriteErrors().isEmpty()) {
                var first = bulk.getWriteErrors().get(0);
                return classify(first.getCode(), first.getMessage(), first.getDetails());
            }
        }
        if (error instanceof MongoWriteConcernException concern) {
            return classify(
                    concern.getWriteConcernError().getCode(),
                    concern.getWriteConcernError().getMessage(),
                    concern.getWriteConcernError().getDetails());
        }
        if (error instanceof MongoWriteException write) {
            return classify(
                    write.getError().getCode(),
                    write.getError().getMessage(),
                    write.getError().getDetails());
        }
        if (error instanceof MongoCommandException command) {
            return classify(
                    command.getErrorCode(), command.getErrorMessage(), command.getResponse());
        }
        if (error instanceof MongoException mongo && mongo.getCode() > 0) {
            return classify(mongo.getCode(), mongo.getMessage(), null);
        }
        return Verdict.fail(GENERIC_ADVICE);
    }

    /** Classifies one server error: a write error of a bulk write, or a command error. */
    static Verdict classify(int code, String message, BsonDocument details) {
        if (TRANSIENT_CODES.contains(code)) {
            return Verdict.retryAfter(
                    code == TOO_MANY_REQUESTS ? retryAfter(message, details) : Optional.empty());
        }
        if (DUPLICATE_KEY_CODES.contains(code)) {
            return Verdict.fail(DUPLICATE_KEY_ADVICE);
        }
        if (TOO_LARGE_CODES.contains(code)
                || (code == BAD_VALUE && message != null && message.contains("too large"))) {
            return Verdict.fail(TOO_LARGE_ADVICE);
        }
        if (code == DOCUMENT_VALIDATION_FAILURE) {
            return Verdict.fail(VALIDATION_ADVICE);
        }
        if (AUTH_CODES.contains(code)) {
            return Verdict.fail(AUTH_ADVICE);
        }
        return Verdict.fail(GENERIC_ADVICE);
    }

    /**
     * The wait Azure Cosmos DB asks for after a 16500 error, found as {@code RetryAfterMs=<n>} in
     * the message or the error details.
     */
    static Optional<Duration> retryAfter(String message, BsonDocument details) {
        for (String text : new String[] {message, details == null ? null : details.toJson()}) {
            if (text != null) {
                Matcher m = RETRY_AFTER_MS.matcher(text);
                if (m.find()) {
                    try {
                        return Optional.of(Duration.ofMillis(Long.parseLong(m.group(1))));
                    } catch (NumberFormatException tooLong) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
