package io.dsync.connectors.consistency;

import com.mongodb.ConnectionString;
import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import java.util.Optional;

/**
 * Finds the connection-string option that contradicts what {@link ForcedConsistency} forces, so
 * that it is refused with one line before anything is read or written, instead of being silently
 * overridden: {@code readPreference} other than {@code primary} and {@code readConcernLevel} other
 * than {@code majority} on either side; {@code w} other than {@code majority} and {@code
 * journal=false} where dsync writes (the destination). On the source, write-concern options are
 * accepted and overridden: dsync writes nothing there that the migration's outcome depends on.
 */
public final class ContradictingUriOptions {

    private ContradictingUriOptions() {}

    /**
     * The first contradicting option of {@code connectionString}, as a message for the user, or
     * empty.
     *
     * @param role "source" or "destination", for the message
     * @param written whether dsync's writes at this side must be durable (the destination)
     */
    public static Optional<String> find(
            String role, ConnectionString connectionString, boolean written) {
        ReadPreference readPreference = connectionString.getReadPreference();
        if (readPreference != null && !readPreference.equals(ForcedConsistency.READ_PREFERENCE)) {
            return refuse(
                    role,
                    "readPreference=" + readPreference.getName(),
                    "dsync reads only from the primary (a secondary may lag behind the change"
                            + " stream's start point, and a document written in between would be"
                            + " in neither the copy nor the stream)",
                    "readPreference=primary");
        }
        ReadConcern readConcern = connectionString.getReadConcern();
        ReadConcernLevel level = readConcern == null ? null : readConcern.getLevel();
        if (level != null && level != ReadConcernLevel.MAJORITY) {
            return refuse(
                    role,
                    "readConcernLevel=" + level.getValue(),
                    "dsync reads with read concern majority (data a failover can roll back must"
                            + " not be copied)",
                    "readConcernLevel=majority");
        }
        WriteConcern writeConcern = connectionString.getWriteConcern();
        if (!written || writeConcern == null) {
            return Optional.empty();
        }
        Object w = writeConcern.getWObject();
        if (w != null && !"majority".equals(w)) {
            return refuse(
                    role,
                    "w=" + w,
                    "dsync writes with w=majority and journal=true (a completed checkpoint must"
                            + " not cover writes a failover can lose)",
                    "w=majority");
        }
        if (Boolean.FALSE.equals(writeConcern.getJournal())) {
            return refuse(
                    role,
                    "journal=false",
                    "dsync writes with w=majority and journal=true (a completed checkpoint must"
                            + " not cover writes a crash can lose)",
                    "journal=true");
        }
        return Optional.empty();
    }

    private static Optional<String> refuse(
            String role, String option, String because, String instead) {
        return Optional.of(
                "the "
                        + role
                        + "'s connection string sets "
                        + option
                        + ", but "
                        + because
                        + ": remove the option or set "
                        + instead);
    }
}
