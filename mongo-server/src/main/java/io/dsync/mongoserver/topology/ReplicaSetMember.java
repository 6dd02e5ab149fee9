package io.dsync.mongoserver.topology;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.LogicalClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded server as the only member, and primary, of a replica set (or, when configured so, as
 * a standalone mongod): answers {@code hello} (and the legacy {@code isMaster}), {@code
 * replSetGetStatus} and {@code buildInfo} as MongoDB 7.0 does. See the MongoDB manual, "hello" and
 * "replSetGetStatus".
 */
public final class ReplicaSetMember {

    private static final long TERM = 1;

    private final String setName;
    private final boolean replicaSet;
    private final LogicalClock clock;
    private final ObjectId processId = new ObjectId();
    private final ObjectId electionId = new ObjectId("7fffffff0000000000000001");
    private final Instant started = Instant.now();
    private final BsonTimestamp electionTime;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile String hostAndPort = "localhost:27017";
    private volatile boolean secondary;

    /**
     * @param replicaSet false to answer as a standalone mongod (no replica-set fields, no {@code
     *     replSetGetStatus})
     */
    public ReplicaSetMember(String setName, boolean replicaSet, LogicalClock clock) {
        this.setName = setName;
        this.replicaSet = replicaSet;
        this.clock = clock;
        this.electionTime = new BsonTimestamp(clock.current().getValue());
    }

    /** Sets the address announced as {@code me}/{@code primary}/{@code hosts} once bound. */
    public void setHostAndPort(String hostAndPort) {
        this.hostAndPort = hostAndPort;
    }

    public String hostAndPort() {
        return hostAndPort;
    }

    public String setName() {
        return setName;
    }

    /**
     * From now on, answer as a SECONDARY whose primary is unknown (as a member answers that was
     * reached directly while the set is electing, or a lagging member named alone in a connection
     * string): {@code isWritablePrimary: false, secondary: true}, writes and primary reads refused
     * ({@link SecondaryRules}). Tests use it to check that a client does not read from a secondary.
     */
    public void answerAsSecondary() {
        if (!replicaSet) {
            throw new IllegalStateException("a standalone server has no secondary state");
        }
        secondary = true;
    }

    public boolean secondary() {
        return secondary;
    }

    /** Wakes up awaiting {@code hello}s: the server is shutting down. */
    public void close() {
        closing.countDown();
    }

    /**
     * The reply to {@code hello} ({@code legacy} false) or {@code isMaster}. A {@code hello} that
     * carries our current {@code topologyVersion} and {@code maxAwaitTimeMS} (the streaming
     * monitoring protocol of MongoDB 4.4+) is answered when that time has passed, as the topology
     * of a one-member set never changes.
     */
    public Document hello(Document query, int connectionId, boolean legacy) {
        awaitIfStreaming(query);
        Document reply = new Document();
        reply.put("topologyVersion", topologyVersion());
        if (replicaSet) {
            reply.put("hosts", List.of(hostAndPort));
            reply.put("setName", setName);
            reply.put("setVersion", 1);
        }
        reply.put(legacy ? "ismaster" : "isWritablePrimary", !secondary);
        if (replicaSet) {
            reply.put("secondary", secondary);
            if (!secondary) {
                reply.put("primary", hostAndPort);
            }
            reply.put("me", hostAndPort);
            if (!secondary) {
                reply.put("electionId", electionId);
            }
            reply.put("lastWrite", lastWrite());
        }
        reply.put("maxBsonObjectSize", ServerVersion.MAX_BSON_OBJECT_SIZE);
        reply.put("maxMessageSizeBytes", ServerVersion.MAX_MESSAGE_SIZE_BYTES);
        reply.put("maxWriteBatchSize", ServerVersion.MAX_WRITE_BATCH_SIZE);
        reply.put("localTime", Instant.now());
        reply.put("logicalSessionTimeoutMinutes", ServerVersion.LOGICAL_SESSION_TIMEOUT_MINUTES);
        reply.put("connectionId", connectionId);
        reply.put("minWireVersion", 0);
        reply.put("maxWireVersion", ServerVersion.MAX_WIRE_VERSION);
        reply.put("readOnly", Boolean.FALSE);
        if (query.containsKey("helloOk")) {
            reply.put("helloOk", Boolean.TRUE);
        }
        reply.put("ok", 1.0);
        return reply;
    }

    private Document topologyVersion() {
        return new Document("processId", processId).append("counter", 0L);
    }

    private void awaitIfStreaming(Document query) {
        if (!(query.get("topologyVersion") instanceof Document version)
                || !(query.get("maxAwaitTimeMS") instanceof Number maxAwait)) {
            return;
        }
        boolean current =
                processId.equals(version.get("processId"))
                        && version.get("counter") instanceof Number counter
                        && counter.longValue() == 0L;
        if (current) {
            try {
                closing.await(maxAwait.longValue(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Document opTime() {
        return new Document("ts", new BsonTimestamp(clock.current().getValue())).append("t", TERM);
    }

    private Instant lastWriteDate() {
        return Instant.ofEpochSecond(clock.current().getTime());
    }

    private Document lastWrite() {
        return new Document("opTime", opTime())
                .append("lastWriteDate", lastWriteDate())
                .append("majorityOpTime", opTime())
                .append("majorityWriteDate", lastWriteDate());
    }

    /** Whether this server is a replica-set member (else a standalone). */
    public boolean replicaSet() {
        return replicaSet;
    }

    /** The reply to {@code replSetGetStatus}: one healthy PRIMARY member. */
    public Document replSetGetStatus() {
        if (!replicaSet) {
            throw new MongoServerError(76, "NoReplicationEnabled", "not running with --replSet");
        }
        Instant now = Instant.now();
        Document member =
                new Document("_id", 0)
                        .append("name", hostAndPort)
                        .append("health", 1.0)
                        .append("state", 1)
                        .append("stateStr", "PRIMARY")
                        .append("uptime", (int) Duration.between(started, now).toSeconds())
                        .append("optime", opTime())
                        .append("optimeDate", lastWriteDate())
                        .append("lastAppliedWallTime", lastWriteDate())
                        .append("lastDurableWallTime", lastWriteDate())
                        .append("syncSourceHost", "")
                        .append("syncSourceId", -1)
                        .append("infoMessage", "")
                        .append("electionTime", electionTime)
                        .append("electionDate", Instant.ofEpochSecond(electionTime.getTime()))
                        .append("configVersion", 1)
                        .append("configTerm", TERM)
                        .append("self", Boolean.TRUE)
                        .append("lastHeartbeatMessage", "");
        Document optimes =
                new Document("lastCommittedOpTime", opTime())
                        .append("lastCommittedWallTime", lastWriteDate())
                        .append("readConcernMajorityOpTime", opTime())
                        .append("appliedOpTime", opTime())
                        .append("durableOpTime", opTime())
                        .append("lastAppliedWallTime", lastWriteDate())
                        .append("lastDurableWallTime", lastWriteDate());
        return new Document("set", setName)
                .append("date", now)
                .append("myState", 1)
                .append("term", TERM)
                .append("syncSourceHost", "")
                .append("syncSourceId", -1)
                .append("heartbeatIntervalMillis", 2000L)
                .append("majorityVoteCount", 1)
                .append("writeMajorityCount", 1)
                .append("votingMembersCount", 1)
                .append("writableVotingMembersCount", 1)
                .append("optimes", optimes)
                .append("members", List.of(member))
                .append("ok", 1.0);
    }

    /** The reply to {@code buildInfo}. */
    public static Document buildInfo() {
        return new Document("version", ServerVersion.VERSION)
                .append("gitVersion", "0000000000000000000000000000000000000000")
                .append("modules", List.of())
                .append("allocator", "system")
                .append("javascriptEngine", "none")
                .append("sysInfo", "deprecated")
                .append("versionArray", ServerVersion.VERSION_ARRAY)
                .append("bits", 64)
                .append("debug", Boolean.FALSE)
                .append("maxBsonObjectSize", ServerVersion.MAX_BSON_OBJECT_SIZE)
                .append("storageEngines", List.of("inMemory"))
                .append("ok", 1.0);
    }

    /** The {@code repl} section of {@code serverStatus}. */
    public Document replSection() {
        Document repl =
                new Document("topologyVersion", topologyVersion())
                        .append("hosts", List.of(hostAndPort))
                        .append("setName", setName)
                        .append("setVersion", 1)
                        .append("isWritablePrimary", !secondary)
                        .append("secondary", secondary);
        if (!secondary) {
            repl.append("primary", hostAndPort);
        }
        return repl.append("me", hostAndPort).append("electionId", electionId).append("rbid", 1);
    }
}
