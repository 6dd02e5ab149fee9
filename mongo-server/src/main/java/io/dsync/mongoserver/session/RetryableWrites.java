package io.dsync.mongoserver.session;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Retryable writes: a write command carrying a session ({@code lsid}) and a {@code txnNumber} is
 * executed once; a retry with the same number gets the first reply again, an older number is
 * refused. Multi-document transactions are not offered and are refused clearly. See the MongoDB
 * manual, "Retryable Writes".
 */
public final class RetryableWrites {

    private static final Set<String> RETRYABLE =
            Set.of("insert", "update", "delete", "findandmodify");
    private static final int MAX_SESSIONS = 10_000;

    private final Map<Object, SessionState> sessions =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, SessionState> eldest) {
                    return size() > MAX_SESSIONS;
                }
            };

    /** The last retryable write of one session. */
    private static final class SessionState {
        long txnNumber = Long.MIN_VALUE;
        Document reply;
    }

    /** Runs the command, at most once per ({@code lsid}, {@code txnNumber}). */
    public Document run(String commandName, Document command, Supplier<Document> execution) {
        rejectTransactions(commandName, command);
        if (!(command.get("txnNumber") instanceof Number txn)
                || !(command.get("lsid") instanceof Document lsid)
                || !RETRYABLE.contains(commandName.toLowerCase())) {
            return execution.get();
        }
        SessionState state;
        synchronized (sessions) {
            state = sessions.computeIfAbsent(lsid.get("id"), id -> new SessionState());
        }
        synchronized (state) {
            long number = txn.longValue();
            if (number < state.txnNumber) {
                throw new MongoServerError(
                        225,
                        "TransactionTooOld",
                        "Retryable write with txnNumber "
                                + number
                                + " is prohibited on session because a newer retryable write with"
                                + " txnNumber "
                                + state.txnNumber
                                + " has already started");
            }
            if (number == state.txnNumber && state.reply != null) {
                return state.reply.clone();
            }
            Document reply = execution.get();
            state.txnNumber = number;
            state.reply = reply.clone();
            return reply;
        }
    }

    private static void rejectTransactions(String commandName, Document command) {
        if (command.containsKey("autocommit")
                || command.containsKey("startTransaction")
                || "commitTransaction".equalsIgnoreCase(commandName)
                || "abortTransaction".equalsIgnoreCase(commandName)) {
            throw new MongoServerError(
                    20,
                    "IllegalOperation",
                    "multi-document transactions are not supported by the embedded dsync server;"
                            + " run the operations without a transaction");
        }
    }
}
