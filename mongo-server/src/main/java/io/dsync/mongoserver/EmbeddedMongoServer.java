package io.dsync.mongoserver;

import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import io.dsync.mongoserver.auth.Authentication;
import io.dsync.mongoserver.backend.ClockTickingWriteListener;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.dsync.mongoserver.backend.WriteNotifier;
import io.dsync.mongoserver.changestream.ChangeStreams;
import io.dsync.mongoserver.changestream.ChangeStreamsUnsupported;
import io.dsync.mongoserver.flavor.FlavorInterceptor;
import io.dsync.mongoserver.topology.IdleNoopWriter;
import io.dsync.mongoserver.topology.ReplicaSetMember;
import io.dsync.mongoserver.wire.ClusterTimeFields;
import io.dsync.mongoserver.wire.CommandExecutionHandler;
import io.dsync.mongoserver.wire.OpMsgEncoder;
import io.dsync.mongoserver.wire.OpReplyEncoder;
import io.dsync.mongoserver.wire.RequestDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MongoDB-compatible server that answers the official drivers like a MongoDB 7.0
 * replica-set primary (one member), keeping everything in memory.
 *
 * <pre>{@code
 * try (EmbeddedMongoServer server = EmbeddedMongoServer.builder().build().start()) {
 *     MongoClient client = MongoClients.create(server.connectionString());
 * }
 * }</pre>
 *
 * Commands run on a pool of command threads, never on the network threads, so a command that waits
 * (a change-stream {@code getMore}, an awaitable {@code hello}) blocks nobody else.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final EmbeddedMongoServerOptions options;
    private final LogicalClock clock = new LogicalClock();
    private final ReplicaSetMember member;
    private final DsyncBackend backend;
    private final IdleNoopWriter noopWriter;
    private final AtomicInteger connectionIds = new AtomicInteger();
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private ExecutorService commandThreads;
    private ChannelGroup channels;
    private Channel serverChannel;

    EmbeddedMongoServer(EmbeddedMongoServerOptions options) {
        this.options = options;
        this.member = new ReplicaSetMember(options.replicaSetName(), options.replicaSet(), clock);
        WriteNotifier notifier = new WriteNotifier();
        this.backend = new DsyncBackend(member, notifier, options.cursorTimeout());
        // Flavor emulation first: it answers before, and passes streams on to, the others.
        FlavorInterceptor flavor =
                new FlavorInterceptor(options.flavor(), options.throttleWritesAbove(), backend);
        backend.addCommandInterceptor(flavor);
        Runnable noop = null;
        if (!options.replicaSet()) {
            notifier.add(new ClockTickingWriteListener(clock));
            backend.addCommandInterceptor(new ChangeStreamsUnsupported());
        } else if (options.changeStreams()) {
            ChangeStreams changeStreams =
                    new ChangeStreams(
                            clock,
                            options.retainedOplogEntries(),
                            backend.documentLookup(),
                            options.shardKeyMoveOrder(),
                            options.splitLargeChangeEvents());
            notifier.add(changeStreams.writeListener());
            backend.addCommandInterceptor(changeStreams.commands());
            backend.addCommandInterceptor(changeStreams.shardKeys());
            flavor.passChangeStreamsTo(changeStreams.commands());
            noop = changeStreams::writeNoop;
        } else {
            notifier.add(new ClockTickingWriteListener(clock));
            noop = clock::tick;
        }
        // a standalone has no oplog and no cluster time to keep advancing
        this.noopWriter =
                noop == null ? null : new IdleNoopWriter(clock, noop, options.noopInterval());
        options.user()
                .ifPresent(
                        user ->
                                backend.requireAuthentication(
                                        new Authentication(user, options.password())));
        options.writeListeners().forEach(notifier::add);
        options.commandInterceptors().forEach(backend::addCommandInterceptor);
        options.commandObservers().forEach(backend::addCommandObserver);
    }

    public static EmbeddedMongoServerOptions.Builder builder() {
        return EmbeddedMongoServerOptions.builder();
    }

    public EmbeddedMongoServerOptions options() {
        return options;
    }

    /**
     * From now on, answer as a secondary of the replica set whose primary is unknown (see {@link
     * ReplicaSetMember#answerAsSecondary()}); reach it with {@code directConnection=true}.
     */
    public void answerAsSecondary() {
        member.answerAsSecondary();
    }

    /** The server's cluster time (the time of its last write). */
    public LogicalClock clock() {
        return clock;
    }

    /** Binds the port and starts answering; returns this server. */
    public synchronized EmbeddedMongoServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("server already started on port " + port());
        }
        acceptors =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory("dsync-mongo-accept", true),
                        NioIoHandler.newFactory());
        workers =
                new MultiThreadIoEventLoopGroup(
                        0,
                        new DefaultThreadFactory("dsync-mongo-io", true),
                        NioIoHandler.newFactory());
        commandThreads =
                Executors.newCachedThreadPool(
                        new DefaultThreadFactory("dsync-mongo-command", true));
        channels = new DefaultChannelGroup("dsync-mongo-connections", GlobalEventExecutor.INSTANCE);
        ClusterTimeFields clusterTime = new ClusterTimeFields(clock, options.replicaSet());
        try {
            ServerBootstrap bootstrap =
                    new ServerBootstrap()
                            .group(acceptors, workers)
                            .channel(NioServerSocketChannel.class)
                            .option(ChannelOption.SO_BACKLOG, 128)
                            .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel channel) {
                                            channel.pipeline()
                                                    .addLast(new OpReplyEncoder())
                                                    .addLast(new OpMsgEncoder())
                                                    .addLast(new RequestDecoder())
                                                    .addLast(
                                                            new CommandExecutionHandler(
                                                                    backend,
                                                                    channels,
                                                                    commandThreads,
                                                                    clusterTime,
                                                                    connectionIds
                                                                            .incrementAndGet()))
                                                    .addLast(new MongoExceptionHandler());
                                        }
                                    });
            serverChannel =
                    bootstrap
                            .bind(new InetSocketAddress(options.host(), options.port()))
                            .syncUninterruptibly()
                            .channel();
        } catch (RuntimeException e) {
            shutdown();
            throw new IllegalStateException(
                    "could not start the embedded MongoDB server on "
                            + options.host()
                            + ":"
                            + options.port()
                            + " (is the port in use?)",
                    e);
        }
        member.setHostAndPort(options.host() + ":" + port());
        if (noopWriter != null) {
            noopWriter.start();
        }
        log.info("embedded MongoDB server listening on {}", member.hostAndPort());
        return this;
    }

    /** The bound port. */
    public int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("server not started: call start() first");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * The connection string: {@code mongodb://host:port/?replicaSet=name}. The driver discovers
     * this one-member replica set from {@code hello} and connects to its primary. A standalone
     * server's is {@code mongodb://host:port/}.
     */
    public String connectionString() {
        if (!options.replicaSet()) {
            return "mongodb://" + options.host() + ":" + port() + "/";
        }
        return "mongodb://"
                + options.host()
                + ":"
                + port()
                + "/?replicaSet="
                + options.replicaSetName();
    }

    /** Stops accepting, closes every connection and frees the port. Safe to call twice. */
    @Override
    public synchronized void close() {
        shutdown();
    }

    private void shutdown() {
        if (noopWriter != null) {
            noopWriter.close();
        }
        member.close();
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (channels != null) {
            channels.close().syncUninterruptibly();
        }
        if (commandThreads != null) {
            commandThreads.shutdownNow();
        }
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            acceptors = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers = null;
        }
        if (commandThreads != null) {
            try {
                commandThreads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            commandThreads = null;
        }
        backend.close();
    }
}
