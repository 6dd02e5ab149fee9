package io.dsync.connectors.consistency;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;

/**
 * The consistency settings of every client dsync makes, on both sides, whatever the connection
 * string says: read preference {@code primary}, read concern {@code majority}, write concern {@code
 * {w: "majority", j: true}} (the connection string's {@code wtimeoutMS} is kept). Options that
 * would contradict these are refused before the clients are made ({@link ContradictingUriOptions});
 * the design note (connectors/README.md, "Consistency settings dsync forces") says why each is
 * needed.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/read-concern-majority/">Read concern
 *     "majority"</a>
 * @see <a href="https://www.mongodb.com/docs/manual/reference/write-concern/">Write concern</a>
 */
public final class ForcedConsistency {

    public static final ReadPreference READ_PREFERENCE = ReadPreference.primary();
    public static final ReadConcern READ_CONCERN = ReadConcern.MAJORITY;
    public static final WriteConcern WRITE_CONCERN = WriteConcern.MAJORITY.withJournal(true);

    private ForcedConsistency() {}

    /** Client settings from the connection string, with the forced consistency on top. */
    public static MongoClientSettings.Builder settings(ConnectionString connectionString) {
        return MongoClientSettings.builder()
                .applyConnectionString(connectionString)
                .readPreference(READ_PREFERENCE)
                .readConcern(READ_CONCERN)
                .writeConcern(writeConcern(connectionString));
    }

    /** A client of the connection string with the forced consistency. */
    public static MongoClient client(String uri) {
        return MongoClients.create(settings(new ConnectionString(uri)).build());
    }

    /**
     * {@link #WRITE_CONCERN}, with the connection string's {@code wtimeoutMS} if it has one (a
     * timeout does not weaken what an acknowledged write means).
     */
    static WriteConcern writeConcern(ConnectionString connectionString) {
        WriteConcern given = connectionString.getWriteConcern();
        Integer timeout = given == null ? null : given.getWTimeout(TimeUnit.MILLISECONDS);
        return timeout == null
                ? WRITE_CONCERN
                : WRITE_CONCERN.withWTimeout(timeout, TimeUnit.MILLISECONDS);
    }
}
