package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.List;
import java.util.Set;

/**
 * The read concerns MongoDB refuses, checked before a command runs: a {@code readConcern.level}
 * that is not one of MongoDB's levels (FailedToParse), and a level other than {@code local} on an
 * {@code aggregate} whose pipeline starts with a stage that only reads the local node's state
 * ({@code $collStats}, {@code $indexStats}, {@code $currentOp}, {@code $listSessions}: error 72
 * InvalidOptions, "Aggregation stage ... cannot run with a readConcern other than 'local'"). Every
 * other read concern is accepted, {@code majority} included, on {@code find}, {@code aggregate}
 * (change streams too), {@code count} and {@code distinct}; the server keeps one copy of the data,
 * so every level reads the same, newest, state.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/read-concern/">Read concern</a>
 * @see <a href="https://jira.mongodb.org/browse/SERVER-20400">collStats does not support read
 *     concern majority</a>
 */
public final class ReadConcernRules {

    private static final Set<String> LEVELS =
            Set.of("local", "available", "majority", "linearizable", "snapshot");
    private static final Set<String> LOCAL_ONLY_STAGES =
            Set.of("$collStats", "$indexStats", "$currentOp", "$listSessions");

    private ReadConcernRules() {}

    /** Throws MongoDB's error when the command's read concern is one MongoDB refuses. */
    public static void check(String command, Document query) {
        if (!(query.get("readConcern") instanceof Document readConcern)) {
            return;
        }
        Object level = readConcern.get("level");
        if (level == null) {
            return;
        }
        if (!(level instanceof String name) || !LEVELS.contains(name)) {
            throw new MongoServerError(
                    9,
                    "FailedToParse",
                    "readConcern.level must be either 'local', 'majority', 'linearizable',"
                            + " 'available', or 'snapshot'");
        }
        if (!command.equalsIgnoreCase("aggregate") || name.equals("local")) {
            return;
        }
        if (query.get("pipeline") instanceof List<?> stages
                && !stages.isEmpty()
                && stages.get(0) instanceof Document first
                && !first.isEmpty()) {
            String stage = first.keySet().iterator().next();
            if (LOCAL_ONLY_STAGES.contains(stage)) {
                throw new MongoServerError(
                        72,
                        "InvalidOptions",
                        "Aggregation stage "
                                + stage
                                + " cannot run with a readConcern other than 'local'. Current"
                                + " readConcern: "
                                + name);
            }
        }
    }
}
