package io.dsync.connectors.sink;

import io.dsync.connectors.namespace.Namespace;
import java.io.IOException;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * A write to the destination failed for good: the error was permanent, or transient errors
 * outlasted the retry policy. The message names the destination namespace, the document's {@code
 * _id} (Extended JSON, relaxed) and what to do.
 */
public final class DestinationWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    private static final JsonWriterSettings RELAXED =
            JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final int MAX_ID_CHARS = 300;

    private final Namespace destination;

    private DestinationWriteException(Namespace destination, String message, Throwable cause) {
        super(message, cause);
        this.destination = destination;
    }

    /** The destination namespace the write was for. */
    public Namespace destination() {
        return destination;
    }

    static DestinationWriteException permanent(
            Namespace destination,
            byte[] key,
            int batchSize,
            String error,
            String advice,
            Throwable cause) {
        return new DestinationWriteException(
                destination,
                "Cannot write to destination namespace "
                        + destination
                        + ", "
                        + subject(key, batchSize)
                        + ": "
                        + error
                        + ". "
                        + advice,
                cause);
    }

    static DestinationWriteException retriesExhausted(
            Namespace destination,
            byte[] key,
            int failedCount,
            int attempts,
            String lastError,
            Throwable cause) {
        return new DestinationWriteException(
                destination,
                "Gave up writing to destination namespace "
                        + destination
                        + " after "
                        + attempts
                        + " attempts; "
                        + failedCount
                        + " document(s) still failed (first "
                        + idJson(key)
                        + ") with the transient error: "
                        + lastError
                        + ". The destination stayed unavailable or overloaded longer than the"
                        + " retry policy allows: check its health and capacity, raise the retry"
                        + " attempts or backoff, or lower the write rate, then restart from the"
                        + " last checkpoint.",
                cause);
    }

    private static String subject(byte[] key, int batchSize) {
        return key != null ? "document " + idJson(key) : "a batch of " + batchSize + " document(s)";
    }

    /** {@code {"_id": ...}} as relaxed Extended JSON, shortened when very long. */
    static String idJson(byte[] key) {
        if (key == null) {
            return "?";
        }
        String json;
        try {
            json = new RawBsonDocument(key).toJson(RELAXED);
        } catch (RuntimeException unreadable) {
            return "<unreadable key of " + key.length + " bytes>";
        }
        return json.length() <= MAX_ID_CHARS ? json : json.substring(0, MAX_ID_CHARS) + "...";
    }
}
