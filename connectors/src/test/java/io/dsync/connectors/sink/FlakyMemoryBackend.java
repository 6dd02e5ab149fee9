package io.dsync.connectors.sink;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory backend with injected write failures, served over TCP like any other: the next
 * {@code update} commands can fail whole with a retryable error (ShutdownInProgress, as during a
 * primary's shutdown), or have their first operation refused with Cosmos DB's throttling error
 * while the other operations are applied. Records the size of every {@code update} command.
 */
final class FlakyMemoryBackend extends MemoryBackend {

    static final String THROTTLE_MESSAGE =
            "Error=16500, RetryAfterMs=20, Details='Request rate is large'";

    final AtomicInteger shutdownFailures = new AtomicInteger();
    final AtomicInteger firstOperationThrottles = new AtomicInteger();
    final List<Integer> updateCommandSizes = Collections.synchronizedList(new ArrayList<>());

    @Override
    @SuppressWarnings("unchecked")
    public Document handleCommand(
            Channel channel, String database, String command, Document query) {
        if (!"update".equals(command)) {
            return super.handleCommand(channel, database, command, query);
        }
        List<Document> updates = (List<Document>) query.get("updates");
        updateCommandSizes.add(updates.size());
        if (takeOne(shutdownFailures)) {
            throw new MongoServerError(91, "ShutdownInProgress", "injected: shutting down");
        }
        if (updates.size() > 1 && takeOne(firstOperationThrottles)) {
            Document rest = new Document(query);
            rest.put("updates", new ArrayList<>(updates.subList(1, updates.size())));
            Document response = super.handleCommand(channel, database, command, rest);
            Object upserted = response.get("upserted");
            if (upserted instanceof List<?> list) {
                for (Object entry : list) {
                    Document upsert = (Document) entry;
                    upsert.put("index", ((Number) upsert.get("index")).intValue() + 1);
                }
            }
            response.put(
                    "writeErrors",
                    List.of(
                            new Document("index", 0)
                                    .append("code", 16500)
                                    .append("errmsg", THROTTLE_MESSAGE)));
            return response;
        }
        return super.handleCommand(channel, database, command, query);
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
