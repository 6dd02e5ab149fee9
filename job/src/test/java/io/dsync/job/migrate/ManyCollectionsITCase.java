package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One job migrates 200 collections in 4 databases, with changes to some of them. */
class ManyCollectionsITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @TempDir Path state;

    @Test
    void migratesTwoHundredCollections() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            List<String> databases = List.of("many_0", "many_1", "many_2", "many_3");
            List<String> namespaces = new ArrayList<>();
            for (int c = 0; c < 200; c++) {
                String database = databases.get(c % databases.size());
                String collection = "c" + c;
                namespaces.add(database + "." + collection);
                List<Document> docs = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    docs.add(
                            new Document("_id", TestData.mixedId(i)).append("c", c).append("i", i));
                }
                source.getDatabase(database).getCollection(collection).insertMany(docs);
            }
            MigrationSettings settings =
                    settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                            .includes(List.of("many_*"))
                            .build();
            try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
                awaitSnapshotComplete(migration);
                new SourceWriter(source, namespaces.subList(0, 40), 31).write(300);
                awaitCaughtUp(migration, source);
            }
            DatabaseAssertions.assertIdentical(source, destination, databases);
        }
    }
}
