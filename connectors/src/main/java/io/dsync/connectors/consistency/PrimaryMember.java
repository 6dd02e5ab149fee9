package io.dsync.connectors.consistency;

import com.mongodb.client.MongoClient;
import java.util.Optional;
import org.bson.Document;

/**
 * Refuses a replica-set member that is not the primary. A connection string naming one host without
 * {@code replicaSet=} (or with {@code directConnection=true}) makes the driver talk to that member
 * whatever the read preference (it then even sends {@code primaryPreferred}), so the primary reads
 * {@link ForcedConsistency} asks for would be served by a secondary.
 */
public final class PrimaryMember {

    private PrimaryMember() {}

    /**
     * Asks the server behind {@code client} who it is; a message for the user when it is a
     * replica-set member other than the primary, else empty.
     *
     * @param role "source" or "destination", for the message
     * @param hosts the hosts as the connection string names them, for the message
     */
    public static Optional<String> refusal(MongoClient client, String role, String hosts) {
        Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
        return refusal(hello, role, hosts);
    }

    /** As {@link #refusal(MongoClient, String, String)}, for a {@code hello} reply at hand. */
    public static Optional<String> refusal(Document hello, String role, String hosts) {
        Object setName = hello.get("setName");
        // a server that leaves the fields out (or answers hello as legacy isMaster) is not refused
        boolean notPrimary =
                Boolean.FALSE.equals(hello.get("isWritablePrimary"))
                        || Boolean.FALSE.equals(hello.get("ismaster"))
                        || Boolean.TRUE.equals(hello.get("secondary"));
        if (setName == null || !notPrimary) {
            return Optional.empty();
        }
        return Optional.of(
                "the "
                        + role
                        + " at "
                        + hosts
                        + " is not the primary of replica set "
                        + setName
                        + " (the connection string reaches this member directly): dsync reads"
                        + " and writes through the primary only; add replicaSet="
                        + setName
                        + " without directConnection=true, or name the primary");
    }
}
