package io.dsync.mongoserver.flavor;

import java.util.Locale;

/**
 * Which MongoDB-compatible service the embedded server imitates, in the respects dsync depends on
 * (see {@link FlavorInterceptor}): MongoDB itself, Azure Cosmos DB for MongoDB (request units), or
 * Amazon DocumentDB.
 */
public enum ServerFlavor {
    MONGODB,
    COSMOS,
    DOCUMENTDB;

    /** {@code mongodb}, {@code cosmos} or {@code documentdb}. */
    public static ServerFlavor parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "unknown flavor '" + value + "': expected mongodb, cosmos or documentdb");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
