package io.dsync.mongoserver.flavor;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cosmos DB's request-rate limit, in documents per second: writes beyond the provisioned rate are
 * refused with error 16500 (TooManyRequests) and a {@code RetryAfterMs} hint, as Cosmos DB does
 * ("Request rate is large",
 * https://learn.microsoft.com/azure/cosmos-db/mongodb/error-codes-solutions ). A token bucket
 * holding one second's worth: an {@code insert}/{@code update}/{@code delete} command writes as
 * many of its documents (in order) as there are tokens and reports each of the rest as a write
 * error 16500 (only the first for an ordered command); with no token at all the whole command fails
 * with 16500 and nothing is written.
 */
final class WriteThrottle {

    static final int TOO_MANY_REQUESTS = 16500;

    private final long documentsPerSecond;
    private double tokens;
    private long refilledNanos = System.nanoTime();
    private long throttled;

    WriteThrottle(long documentsPerSecond) {
        this.documentsPerSecond = documentsPerSecond;
        this.tokens = documentsPerSecond;
    }

    /** Write operations refused so far. */
    synchronized long throttled() {
        return throttled;
    }

    /**
     * Runs a write command under the limit.
     *
     * @param arrayField {@code documents}, {@code updates} or {@code deletes}; null for a command
     *     that writes one document (findAndModify)
     * @param run runs a (possibly shortened) command and returns its reply
     */
    Document run(Document query, String arrayField, Function<Document, Document> run) {
        List<?> operations = arrayField == null ? List.of(query) : (List<?>) query.get(arrayField);
        int total = operations == null ? 0 : operations.size();
        int allowed = take(total);
        if (allowed == total) {
            return run.apply(query);
        }
        if (allowed == 0 || arrayField == null) {
            throw new MongoServerError(TOO_MANY_REQUESTS, "TooManyRequests", message());
        }
        Document prefix = new Document(query);
        prefix.put(arrayField, new ArrayList<>(operations.subList(0, allowed)));
        Document reply = run.apply(prefix);
        List<Object> errors = new ArrayList<>();
        if (reply.get("writeErrors") instanceof List<?> earlier) {
            errors.addAll(earlier);
        }
        boolean ordered = !Boolean.FALSE.equals(query.get("ordered"));
        for (int i = allowed; i < total; i++) {
            errors.add(
                    new Document("index", i)
                            .append("code", TOO_MANY_REQUESTS)
                            .append("errmsg", message()));
            if (ordered) {
                break;
            }
        }
        reply.put("writeErrors", errors);
        return reply;
    }

    private synchronized int take(int wanted) {
        long now = System.nanoTime();
        tokens =
                Math.min(
                        documentsPerSecond,
                        tokens + (now - refilledNanos) / 1e9 * documentsPerSecond);
        refilledNanos = now;
        int allowed = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= allowed;
        throttled += wanted - allowed;
        return allowed;
    }

    private long retryAfterMillis() {
        return Math.max(1, 1000 / Math.max(1, documentsPerSecond)) * 10;
    }

    private String message() {
        return "Error="
                + TOO_MANY_REQUESTS
                + ", RetryAfterMs="
                + retryAfterMillis()
                + ", Details='Request rate is large. More Request Units may be needed, so no"
                + " changes were made. Please retry this request later.'";
    }
}
