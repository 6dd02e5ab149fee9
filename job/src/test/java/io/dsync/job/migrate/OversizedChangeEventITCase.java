package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, case 8: an update whose change event (looked-up document plus update description) is
 * over 16 MB. The source splits it ({@code $changeStreamSplitLargeEvent}, MongoDB 7.0 and 6.0.9+)
 * or, on a server without the stage, fails the read with BSONObjectTooLarge; either way the change
 * and the ones after it reach the destination, and the job never fails or loops on it.
 */
class OversizedChangeEventITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, "big_split", "big_old");

    /** Under the 16 MB document limit; the document and its update together are over it. */
    private static final int BIG = 9 * 1024 * 1024;

    @TempDir Path state;

    @Test
    void aSplitEventIsReassembledAndApplied() throws Exception {
        migrateWhileAnUpdateIsOversized(SERVERS.sourceUri(), CLIENTS.source(), "big_split");
    }

    @Test
    void aServerWithoutTheSplitStageStillDeliversTheChange() throws Exception {
        try (EmbeddedMongoServer older =
                        MongoTestServers.startEmbedded(b -> b.splitLargeChangeEvents(false));
                MongoClient source = MongoClients.create(older.connectionString())) {
            migrateWhileAnUpdateIsOversized(older.connectionString(), source, "big_old");
        }
    }

    private void migrateWhileAnUpdateIsOversized(String sourceUri, MongoClient source, String db)
            throws Exception {
        MongoCollection<Document> coll = source.getDatabase(db).getCollection("docs");
        coll.insertOne(new Document("_id", 1).append("big", "a".repeat(BIG)));
        coll.insertOne(new Document("_id", 2).append("v", 0));
        MigrationSettings settings =
                settings(sourceUri, SERVERS.destinationUri(), state).includes(List.of(db)).build();
        try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            awaitSnapshotComplete(migration);
            coll.updateOne(Filters.eq("_id", 2), Updates.set("v", 1));
            coll.updateOne(Filters.eq("_id", 1), Updates.set("big", "b".repeat(BIG)));
            coll.updateOne(Filters.eq("_id", 2), Updates.set("v", 2));
            coll.insertOne(new Document("_id", 3));
            awaitCaughtUp(migration, source);
        }
        DatabaseAssertions.assertSameDocuments(
                source, CLIENTS.destination(), db, "docs", db, "docs");
    }
}
