package io.dsync.connectors.flavor;

import java.util.Locale;

/**
 * Which kind of MongoDB-compatible deployment one side of a migration is. Each flavor has the
 * {@link FlavorCapabilities} dsync plans with: how the change stream is read, where it starts, how
 * collections are split into ranges.
 */
public enum Flavor {
    /** MongoDB itself (a replica set or sharded cluster; Atlas included). */
    MONGODB("mongodb", "MongoDB", FlavorCapabilities.MONGODB),

    /**
     * Azure Cosmos DB for MongoDB (request-unit accounts). Change streams only per collection,
     * without deletes, {@code updateDescription} or {@code startAtOperationTime}; writes can be
     * throttled (error 16500). See
     * https://learn.microsoft.com/azure/cosmos-db/mongodb/change-streams
     */
    COSMOS("cosmos", "Azure Cosmos DB for MongoDB", FlavorCapabilities.COSMOS),

    /**
     * Amazon DocumentDB. Change streams must be enabled (per collection, database or cluster) with
     * {@code modifyChangeStreams}; resumed with {@code resumeAfter}. See
     * https://docs.aws.amazon.com/documentdb/latest/developerguide/change_streams.html
     */
    DOCUMENTDB("documentdb", "Amazon DocumentDB", FlavorCapabilities.DOCUMENTDB);

    private final String cliName;
    private final String displayName;
    private final FlavorCapabilities capabilities;

    Flavor(String cliName, String displayName, FlavorCapabilities capabilities) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.capabilities = capabilities;
    }

    /** The name used on the command line ({@code --source-flavor cosmos}). */
    public String cliName() {
        return cliName;
    }

    /** The product's name, for messages. */
    public String displayName() {
        return displayName;
    }

    public FlavorCapabilities capabilities() {
        return capabilities;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Flavor parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Flavor flavor : values()) {
            if (flavor.cliName.equals(wanted)) {
                return flavor;
            }
        }
        throw new IllegalArgumentException(
                "unknown flavor '" + value + "': expected mongodb, cosmos or documentdb");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
