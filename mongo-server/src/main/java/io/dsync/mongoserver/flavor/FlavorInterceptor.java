package io.dsync.mongoserver.flavor;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the embedded server answer like Cosmos DB or DocumentDB where dsync behaves differently for
 * them. Registered before every other interceptor, it answers some commands itself and passes the
 * change streams' commands on to them after applying the flavor's rules.
 *
 * <ul>
 *   <li>{@code buildInfo}: Cosmos DB's carries a {@code _t} field (as tools such as mongosh detect
 *       it) and version 4.2.0; DocumentDB's version 5.0.0. {@code getCmdLineOpts} fails on
 *       DocumentDB with "Feature not supported".
 *   <li>Change streams: see {@link ChangeStreamRules}. Cosmos DB's post-batch resume token is left
 *       out until a stream has returned its first event, so that a client needs an event (or a
 *       marker document) for its first resume token. DocumentDB's {@code modifyChangeStreams}
 *       switches them on.
 *   <li>{@code splitVector} is refused by both; {@code $sample} by Cosmos DB.
 *   <li>Cosmos DB with a write rate: {@link WriteThrottle}.
 * </ul>
 */
public final class FlavorInterceptor implements CommandInterceptor {

    private static final Map<String, String> WRITE_ARRAYS =
            Map.of("insert", "documents", "update", "updates", "delete", "deletes");

    private final ServerFlavor flavor;
    private final DsyncBackend backend;
    private final ChangeStreamRules rules;
    private final WriteThrottle throttle;
    private final Set<Long> streamsWithEvents = ConcurrentHashMap.newKeySet();
    private volatile CommandInterceptor changeStreams;

    /**
     * @param throttleAbove documents per second Cosmos DB accepts before answering 16500; 0 for no
     *     limit
     */
    public FlavorInterceptor(ServerFlavor flavor, long throttleAbove, DsyncBackend backend) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.rules = new ChangeStreamRules(flavor);
        this.throttle = throttleAbove > 0 ? new WriteThrottle(throttleAbove) : null;
    }

    /** The change streams' own commands, which this interceptor passes streams on to. */
    public void passChangeStreamsTo(CommandInterceptor changeStreamCommands) {
        this.changeStreams = changeStreamCommands;
    }

    /** Write operations refused with 16500 so far. */
    public long throttledWrites() {
        return throttle == null ? 0 : throttle.throttled();
    }

    @Override
    public boolean handles(String database, String command, Document query) {
        if (flavor == ServerFlavor.MONGODB) {
            return false;
        }
        String name = command.toLowerCase(Locale.ROOT);
        switch (name) {
            case "buildinfo", "splitvector":
                return true;
            case "getcmdlineopts":
                return flavor == ServerFlavor.DOCUMENTDB;
            case "modifychangestreams":
                return flavor == ServerFlavor.DOCUMENTDB;
            case "aggregate":
                return isChangeStream(query) || (flavor == ServerFlavor.COSMOS && isSample(query));
            case "getmore", "killcursors":
                return changeStreams != null && changeStreams.handles(database, command, query);
            default:
                return throttle != null
                        && (WRITE_ARRAYS.containsKey(name) || name.equals("findandmodify"));
        }
    }

    @Override
    public Document handle(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        switch (name) {
            case "buildinfo":
                return buildInfo(channel, database, command, query);
            case "getcmdlineopts":
                throw new MongoServerError(
                        115, "CommandNotSupported", "Feature not supported: getCmdLineOpts");
            case "modifychangestreams":
                return rules.modifyChangeStreams(query);
            case "splitvector":
                throw new MongoServerError(59, "CommandNotFound", "no such command: 'splitVector'");
            case "aggregate":
                if (!isChangeStream(query)) {
                    throw new MongoServerError(
                            40324, "Unrecognized pipeline stage name: '$sample'");
                }
                return stream(channel, database, command, rules.apply(database, query));
            case "getmore":
                return stream(channel, database, command, query);
            case "killcursors":
                return changeStreams.handle(channel, database, command, query);
            default:
                String array = WRITE_ARRAYS.get(name);
                return throttle.run(
                        query,
                        array,
                        q ->
                                backend.handleCommandWithoutInterceptors(
                                        channel, database, command, q));
        }
    }

    private Document buildInfo(Channel channel, String database, String command, Document query) {
        Document reply =
                backend.handleCommandWithoutInterceptors(channel, database, command, query);
        if (flavor == ServerFlavor.COSMOS) {
            reply.put("version", "4.2.0");
            reply.put("versionArray", List.of(4, 2, 0, 0));
            reply.put("_t", "BuildInfoResponse");
        } else {
            reply.put("version", "5.0.0");
            reply.put("versionArray", List.of(5, 0, 0, 0));
        }
        return reply;
    }

    private Document stream(Channel channel, String database, String command, Document query) {
        if (changeStreams == null) {
            throw new MongoServerError(
                    40573, "The $changeStream stage is only supported on replica sets");
        }
        Document reply = changeStreams.handle(channel, database, command, query);
        if (flavor == ServerFlavor.COSMOS && reply.get("cursor") instanceof Document cursor) {
            long id = cursor.get("id") instanceof Number n ? n.longValue() : 0;
            Object batch =
                    cursor.containsKey("firstBatch")
                            ? cursor.get("firstBatch")
                            : cursor.get("nextBatch");
            if (batch instanceof List<?> events && !events.isEmpty()) {
                streamsWithEvents.add(id);
            } else if (!streamsWithEvents.contains(id)) {
                cursor.remove("postBatchResumeToken");
            }
        }
        return reply;
    }

    private static boolean isChangeStream(Document query) {
        return firstStage(query).containsKey("$changeStream");
    }

    private static boolean isSample(Document query) {
        if (query.get("pipeline") instanceof List<?> stages) {
            for (Object stage : stages) {
                if (stage instanceof Document d && d.containsKey("$sample")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Document firstStage(Document query) {
        return query.get("pipeline") instanceof List<?> stages
                        && !stages.isEmpty()
                        && stages.get(0) instanceof Document first
                ? first
                : new Document();
    }
}
