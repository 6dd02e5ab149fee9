package io.dsync.connectors.flavor;

import java.util.Objects;

/**
 * The flavor of one side and how dsync knows it: given on the command line, from the host names,
 * from what the server answered, or assumed (nothing pointed elsewhere).
 */
public record FlavorDetection(Flavor flavor, String reason) {

    public FlavorDetection {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(reason, "reason");
    }

    /** For the run's header: {@code "Azure Cosmos DB for MongoDB (host name ...)"}. */
    public String describe() {
        return flavor.displayName() + " (" + reason + ")";
    }
}
