package io.dsync.connectors.source.snapshot;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The source deployment the integration tests of this package and of the change-stream package talk
 * to: a real MongoDB replica set named by {@code DSYNC_TEST_SOURCE_URI}.
 */
public final class TestSource {

    public static final String URI_VARIABLE = "DSYNC_TEST_SOURCE_URI";

    private TestSource() {}

    /** A client of the test source; the caller closes it. */
    public static MongoClient connect() {
        String uri = System.getenv(URI_VARIABLE);
        Assumptions.assumeTrue(
                uri != null && !uri.isBlank(),
                "set " + URI_VARIABLE + " to a MongoDB replica set to run this test");
        return MongoClients.create(uri);
    }

    /** A database name no other test uses. */
    public static String uniqueDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
