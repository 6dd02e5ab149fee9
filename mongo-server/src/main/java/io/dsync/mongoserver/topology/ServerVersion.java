package io.dsync.mongoserver.topology;

import java.util.List;

/** The MongoDB version the embedded server presents itself as. */
public final class ServerVersion {

    public static final String VERSION = "7.0.14";
    public static final List<Integer> VERSION_ARRAY = List.of(7, 0, 14, 0);

    /**
     * Wire version of MongoDB 7.0 (21). Drivers send features of newer servers (for example the 8.0
     * {@code bulkWrite} command, wire version 25) only above it.
     */
    public static final int MAX_WIRE_VERSION = 21;

    public static final int MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    public static final int MAX_MESSAGE_SIZE_BYTES = 48_000_000;
    public static final int MAX_WRITE_BATCH_SIZE = 100_000;
    public static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

    private ServerVersion() {}
}
