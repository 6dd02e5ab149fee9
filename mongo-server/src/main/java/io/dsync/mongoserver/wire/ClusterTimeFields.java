package io.dsync.mongoserver.wire;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.LogicalClock;

/**
 * Adds what every reply of a replica-set member carries: {@code operationTime} and {@code
 * $clusterTime} (with the all-zero signature of a deployment without authentication). See the
 * MongoDB manual, "Causal Consistency" / "$clusterTime".
 */
public final class ClusterTimeFields {

    private static final int SIGNATURE_HASH_LENGTH = 20;

    private final LogicalClock clock;
    private final boolean enabled;

    /**
     * @param enabled false for a standalone server, whose replies carry neither field (MongoDB
     *     manual, "Causal Consistency": cluster time exists in replica sets and sharded clusters)
     */
    public ClusterTimeFields(LogicalClock clock, boolean enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    public void addTo(Document reply) {
        if (!enabled) {
            return;
        }
        BsonTimestamp now = new BsonTimestamp(clock.current().getValue());
        Document signature =
                new Document("hash", new BinData(new byte[SIGNATURE_HASH_LENGTH]))
                        .append("keyId", 0L);
        reply.put("$clusterTime", new Document("clusterTime", now).append("signature", signature));
        reply.put("operationTime", now);
    }
}
