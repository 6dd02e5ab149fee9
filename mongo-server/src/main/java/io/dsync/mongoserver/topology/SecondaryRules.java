package io.dsync.mongoserver.topology;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.Locale;
import java.util.Set;

/**
 * What a replica-set SECONDARY refuses: every write (error 10107 NotWritablePrimary), and every
 * read whose {@code $readPreference} is absent or {@code primary} (error 13435
 * NotPrimaryNoSecondaryOk; with OP_MSG, a read preference other than primary is what allows reading
 * from a secondary).
 *
 * @see <a href="https://www.mongodb.com/docs/manual/core/read-preference/">Read preference</a>
 * @see <a href="https://www.mongodb.com/docs/manual/reference/error-codes/">Error codes</a>
 */
public final class SecondaryRules {

    private static final Set<String> WRITES =
            Set.of(
                    "insert",
                    "update",
                    "delete",
                    "findandmodify",
                    "create",
                    "createindexes",
                    "drop",
                    "dropdatabase",
                    "dropindexes",
                    "renamecollection",
                    "collmod");
    private static final Set<String> READS =
            Set.of(
                    "find",
                    "aggregate",
                    "count",
                    "distinct",
                    "listcollections",
                    "listindexes",
                    "collstats",
                    "dbstats");

    private SecondaryRules() {}

    /** Throws MongoDB's error when a secondary must refuse this command. */
    public static void check(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITES.contains(name)) {
            throw new MongoServerError(10107, "NotWritablePrimary", "not primary");
        }
        if (READS.contains(name) && !secondaryOk(query)) {
            throw new MongoServerError(
                    13435, "NotPrimaryNoSecondaryOk", "not primary and secondaryOk=false");
        }
    }

    private static boolean secondaryOk(Document query) {
        return query.get("$readPreference") instanceof Document preference
                && !"primary".equals(preference.get("mode"));
    }
}
