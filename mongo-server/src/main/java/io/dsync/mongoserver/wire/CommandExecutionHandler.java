package io.dsync.mongoserver.wire;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import de.bwaldvogel.mongo.wire.message.MongoReply;
import io.dsync.mongoserver.DetailedServerError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.AttributeKey;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each request of one connection, in order, on the server's command threads (never on a
 * network thread, since a command may wait: an awaiting {@code getMore} or {@code hello}), and
 * writes the reply with {@code operationTime} and {@code $clusterTime}, for errors too.
 */
public final class CommandExecutionHandler extends SimpleChannelInboundHandler<ClientRequest> {

    /** The connection's number, as {@code hello} reports it in {@code connectionId}. */
    public static final AttributeKey<Integer> CONNECTION_ID =
            AttributeKey.valueOf("dsync.connectionId");

    private static final Logger log = LoggerFactory.getLogger(CommandExecutionHandler.class);
    private static final AtomicInteger replyIds = new AtomicInteger();

    private final MongoBackend backend;
    private final ChannelGroup channels;
    private final SerialExecutor serial;
    private final ClusterTimeFields clusterTime;
    private final int connectionId;

    public CommandExecutionHandler(
            MongoBackend backend,
            ChannelGroup channels,
            Executor commandExecutor,
            ClusterTimeFields clusterTime,
            int connectionId) {
        this.backend = backend;
        this.channels = channels;
        this.serial = new SerialExecutor(commandExecutor);
        this.clusterTime = clusterTime;
        this.connectionId = connectionId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().attr(CONNECTION_ID).set(connectionId);
        channels.add(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        channels.remove(ctx.channel());
        try {
            serial.execute(() -> backend.handleClose(ctx.channel()));
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("server shutting down; not cleaning up {}", ctx.channel());
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientRequest request) {
        serial.execute(
                () -> {
                    Object reply = respond(request);
                    if (ctx.channel().isActive()) {
                        ctx.channel().writeAndFlush(reply);
                    }
                });
    }

    private Object respond(ClientRequest request) {
        MessageHeader header =
                new MessageHeader(replyIds.incrementAndGet(), request.getHeader().getRequestID());
        if (request instanceof MongoMessage message) {
            Document body = run(() -> backend.handleMessage(message));
            return new MongoMessage(message.getChannel(), header, body);
        }
        MongoQuery query = (MongoQuery) request;
        if (query.getCollectionName().startsWith("$cmd")) {
            Document body = run(() -> legacyCommand(query));
            return new MongoReply(header, body);
        }
        QueryResult result = backend.handleQuery(query);
        return new MongoReply(header, result.collectDocuments(), result.getCursorId());
    }

    /** A command sent as OP_QUERY on {@code db.$cmd} (drivers' first handshake). */
    private Document legacyCommand(MongoQuery query) {
        Document command = query.getQuery();
        if (command.get("$query") instanceof Document wrapped) {
            command = wrapped;
        }
        String name = command.keySet().iterator().next();
        return backend.handleCommand(query.getChannel(), query.getDatabaseName(), name, command);
    }

    private Document run(java.util.function.Supplier<Document> command) {
        Document reply;
        try {
            reply = command.get();
        } catch (MongoServerException e) {
            if (e.isLogError() && !(e instanceof MongoServerError)) {
                log.warn("command failed", e);
            } else {
                log.debug("command failed: {}", e.getMessageWithoutErrorCode());
            }
            reply = errorReply(e);
        } catch (RuntimeException e) {
            log.error("command failed unexpectedly", e);
            reply = errorReply(new MongoServerError(1, "InternalError", String.valueOf(e)));
        }
        clusterTime.addTo(reply);
        return reply;
    }

    /** MongoDB's error reply: {@code {ok: 0, errmsg, code, codeName}}. */
    static Document errorReply(MongoServerException exception) {
        Document reply = new Document("ok", 0.0);
        reply.put("errmsg", exception.getMessageWithoutErrorCode());
        if (exception instanceof MongoServerError error) {
            reply.put("code", error.getCode());
            String codeName = error.getCodeName();
            reply.put("codeName", codeName != null ? codeName : "Location" + error.getCode());
            if (error instanceof DetailedServerError detailed) {
                reply.putAll(detailed.fields());
            }
        } else {
            reply.put("code", 1);
            reply.put("codeName", "InternalError");
        }
        return reply;
    }
}
