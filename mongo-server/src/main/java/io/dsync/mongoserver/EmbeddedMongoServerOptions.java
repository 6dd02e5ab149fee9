package io.dsync.mongoserver;

import io.dsync.mongoserver.changestream.ChangeStreams;
import io.dsync.mongoserver.changestream.ShardKeys;
import io.dsync.mongoserver.flavor.ServerFlavor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of an {@link EmbeddedMongoServer}. Build with {@link #builder()}; every
 * default lives in this class.
 */
public final class EmbeddedMongoServerOptions {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_REPLICA_SET_NAME = "dsync-rs";

    /** MongoDB's default {@code cursorTimeoutMillis}: idle cursors are closed after 10 minutes. */
    public static final Duration DEFAULT_CURSOR_TIMEOUT = Duration.ofMinutes(10);

    /** A replica-set primary writes a no-op to its oplog when idle for 10 seconds. */
    public static final Duration DEFAULT_NOOP_INTERVAL = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final String replicaSetName;
    private final boolean replicaSet;
    private final String user;
    private final String password;
    private final int retainedOplogEntries;
    private final boolean changeStreams;
    private final boolean splitLargeChangeEvents;
    private final Duration cursorTimeout;
    private final Duration noopInterval;
    private final List<WriteListener> writeListeners;
    private final List<CommandInterceptor> commandInterceptors;
    private final List<CommandObserver> commandObservers;
    // Flavor emulation (package io.dsync.mongoserver.flavor).
    private final ServerFlavor flavor;
    private final long throttleWritesAbove;
    private final ShardKeys.MoveOrder shardKeyMoveOrder;

    private EmbeddedMongoServerOptions(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.replicaSetName = builder.replicaSetName;
        this.replicaSet = builder.replicaSet;
        this.user = builder.user;
        this.password = builder.password;
        this.retainedOplogEntries = builder.retainedOplogEntries;
        this.changeStreams = builder.changeStreams;
        this.splitLargeChangeEvents = builder.splitLargeChangeEvents;
        this.cursorTimeout = builder.cursorTimeout;
        this.noopInterval = builder.noopInterval;
        this.writeListeners = List.copyOf(builder.writeListeners);
        this.commandInterceptors = List.copyOf(builder.commandInterceptors);
        this.commandObservers = List.copyOf(builder.commandObservers);
        this.flavor = builder.flavor;
        this.throttleWritesAbove = builder.throttleWritesAbove;
        this.shardKeyMoveOrder = builder.shardKeyMoveOrder;
        if (throttleWritesAbove > 0 && flavor != ServerFlavor.COSMOS) {
            throw new IllegalArgumentException(
                    "write throttling (error 16500) is Cosmos DB's: use it with flavor cosmos");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Interface to bind to, also the host name announced in {@code hello}. */
    public String host() {
        return host;
    }

    /** TCP port; 0 picks a free port at start. */
    public int port() {
        return port;
    }

    /** Replica-set name reported by {@code hello} ({@code setName}) and the connection string. */
    public String replicaSetName() {
        return replicaSetName;
    }

    /**
     * Whether the server answers as a replica-set primary (the default) or as a standalone mongod:
     * no replica-set fields in {@code hello}, no cluster time in replies, and {@code $changeStream}
     * refused (code 40573), for testing products that must refuse a standalone source.
     */
    public boolean replicaSet() {
        return replicaSet;
    }

    /**
     * The one user (defined in {@code admin}) when authentication is required; empty (the default)
     * when every connection may run every command without authenticating.
     */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The user's password (never logged). */
    String password() {
        return password;
    }

    /** Oplog entries the change streams keep; older resume points are lost. */
    public int retainedOplogEntries() {
        return retainedOplogEntries;
    }

    /** Whether change streams ({@link ChangeStreams}) are wired in. */
    public boolean changeStreams() {
        return changeStreams;
    }

    /**
     * Whether change streams know {@code $changeStreamSplitLargeEvent} (the default, as MongoDB 7.0
     * and 6.0.9+); false imitates older servers, which refuse the stage as unrecognized (40324) and
     * can only fail an oversized event with BSONObjectTooLarge.
     */
    public boolean splitLargeChangeEvents() {
        return splitLargeChangeEvents;
    }

    /** How long an idle cursor lives before the server closes it. */
    public Duration cursorTimeout() {
        return cursorTimeout;
    }

    /**
     * How long the replica-set primary may stay without writes before it writes a no-op to its
     * oplog, so that cluster time and change streams' {@code postBatchResumeToken} keep advancing.
     */
    public Duration noopInterval() {
        return noopInterval;
    }

    /** Extra listeners told of every stored change, after the change streams (tests use this). */
    public List<WriteListener> writeListeners() {
        return writeListeners;
    }

    /**
     * Extra command interceptors, asked after the change streams' own commands (the flavor's
     * interceptor is asked before all of them).
     */
    public List<CommandInterceptor> commandInterceptors() {
        return commandInterceptors;
    }

    /** Observers told of every received command before it is answered (tests use this). */
    public List<CommandObserver> commandObservers() {
        return commandObservers;
    }

    /** Which service the server imitates (default MongoDB); see {@link ServerFlavor}. */
    public ServerFlavor flavor() {
        return flavor;
    }

    /** Cosmos DB flavor: documents written per second before 16500 errors; 0 = no limit. */
    public long throttleWritesAbove() {
        return throttleWritesAbove;
    }

    /**
     * The order in which a shard-key change of a collection given a shard key ({@code
     * shardCollection}) reports its delete and insert events; see {@link ShardKeys}.
     */
    public ShardKeys.MoveOrder shardKeyMoveOrder() {
        return shardKeyMoveOrder;
    }

    /** Builds {@link EmbeddedMongoServerOptions}; validates every value when set. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = 0;
        private String replicaSetName = DEFAULT_REPLICA_SET_NAME;
        private boolean replicaSet = true;
        private String user;
        private String password;
        private int retainedOplogEntries = ChangeStreams.DEFAULT_RETAINED_ENTRIES;
        private boolean changeStreams = true;
        private boolean splitLargeChangeEvents = true;
        private Duration cursorTimeout = DEFAULT_CURSOR_TIMEOUT;
        private Duration noopInterval = DEFAULT_NOOP_INTERVAL;
        private final List<WriteListener> writeListeners = new ArrayList<>();
        private final List<CommandInterceptor> commandInterceptors = new ArrayList<>();
        private final List<CommandObserver> commandObservers = new ArrayList<>();
        private ServerFlavor flavor = ServerFlavor.MONGODB;
        private long throttleWritesAbove;
        private ShardKeys.MoveOrder shardKeyMoveOrder = ShardKeys.MoveOrder.DELETE_FIRST;

        private Builder() {}

        /** The order of the delete and insert events of a shard-key change ({@link ShardKeys}). */
        public Builder shardKeyMoveOrder(ShardKeys.MoveOrder order) {
            this.shardKeyMoveOrder = Objects.requireNonNull(order, "order");
            return this;
        }

        /** Imitate Cosmos DB or DocumentDB (change streams, buildInfo, splitting, throttling). */
        public Builder flavor(ServerFlavor flavor) {
            this.flavor = Objects.requireNonNull(flavor, "flavor");
            return this;
        }

        /** Cosmos DB flavor: refuse writes beyond this many documents per second with 16500. */
        public Builder throttleWritesAbove(long documentsPerSecond) {
            if (documentsPerSecond < 0) {
                throw new IllegalArgumentException(
                        "write rate must be 0 (no limit) or positive, was " + documentsPerSecond);
            }
            this.throttleWritesAbove = documentsPerSecond;
            return this;
        }

        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty, e.g. 127.0.0.1");
            }
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(
                        "port must be between 0 (any free port) and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder replicaSetName(String replicaSetName) {
            if (replicaSetName == null || !replicaSetName.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException(
                        "replica set name must be letters, digits, '-' or '_', was "
                                + replicaSetName);
            }
            this.replicaSetName = replicaSetName;
            return this;
        }

        /**
         * False: answer as a standalone mongod (see {@link
         * EmbeddedMongoServerOptions#replicaSet()}).
         */
        public Builder replicaSet(boolean replicaSet) {
            this.replicaSet = replicaSet;
            return this;
        }

        /**
         * Requires authentication (SCRAM-SHA-256 or SCRAM-SHA-1) as this user, defined in the
         * {@code admin} database; without it (the default) no authentication is required.
         */
        public Builder user(String name, String password) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("user name must not be empty");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(
                        "password of user '" + name + "' must not be empty");
            }
            this.user = name;
            this.password = password;
            return this;
        }

        public Builder retainedOplogEntries(int retainedOplogEntries) {
            if (retainedOplogEntries < 1) {
                throw new IllegalArgumentException(
                        "retained oplog entries must be at least 1, was " + retainedOplogEntries);
            }
            this.retainedOplogEntries = retainedOplogEntries;
            return this;
        }

        public Builder changeStreams(boolean changeStreams) {
            this.changeStreams = changeStreams;
            return this;
        }

        /** See {@link EmbeddedMongoServerOptions#splitLargeChangeEvents()}. */
        public Builder splitLargeChangeEvents(boolean known) {
            this.splitLargeChangeEvents = known;
            return this;
        }

        public Builder cursorTimeout(Duration cursorTimeout) {
            if (cursorTimeout == null || cursorTimeout.isNegative() || cursorTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "cursor timeout must be positive, was " + cursorTimeout);
            }
            this.cursorTimeout = cursorTimeout;
            return this;
        }

        public Builder noopInterval(Duration noopInterval) {
            if (noopInterval == null || noopInterval.isNegative() || noopInterval.isZero()) {
                throw new IllegalArgumentException(
                        "no-op interval must be positive, was " + noopInterval);
            }
            this.noopInterval = noopInterval;
            return this;
        }

        public Builder addWriteListener(WriteListener listener) {
            writeListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder addCommandInterceptor(CommandInterceptor interceptor) {
            commandInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public Builder addCommandObserver(CommandObserver observer) {
            commandObservers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        public EmbeddedMongoServerOptions buildOptions() {
            return new EmbeddedMongoServerOptions(this);
        }

        /** Builds a server with these options; call {@link EmbeddedMongoServer#start()} next. */
        public EmbeddedMongoServer build() {
            return new EmbeddedMongoServer(buildOptions());
        }
    }
}
