package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change events overtake snapshot copies of the same documents: while a slowed-down copy runs, the
 * documents it will copy last are updated, replaced and deleted. No stale copy may overwrite a
 * newer state and no deleted document may come back.
 */
class SnapshotRaceITCase {

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @TempDir Path state;

    @Test
    void changesOvertakingTheCopyWinAndDeletesStayDeleted() throws Exception {
        try (MongoClient source = MongoClients.create(SERVERS.sourceUri());
                MongoClient destination = MongoClients.create(SERVERS.destinationUri())) {
            MongoCollection<Document> collection = source.getDatabase("race").getCollection("c");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 8_000; i++) {
                docs.add(new Document("_id", i).append("v", 0).append("pad", "p".repeat(100)));
            }
            collection.insertMany(docs);
            MigrationSettings settings =
                    settings(SERVERS.sourceUri(), SERVERS.destinationUri(), state)
                            .includes(List.of("race"))
                            .parallelism(1)
                            .rangeBytes(1_000_000)
                            .build();
            try (LocalMigration migration =
                    new MigrationRunner(settings, quietOutput())
                            .withProbe(FailOnce.slowSnapshot(1))
                            .start()) {
                while (FailOnce.SEEN.get() < 100) {
                    Thread.sleep(20);
                }
                // The copy reads in _id order, at most about four batches of 1,000 ahead of what it
                // emits (the batch being emitted, two queued, one in the fetcher's hand); these
                // documents are far ahead of it, so their change events overtake their copies.
                for (int i = 6_500; i < 8_000; i += 5) {
                    collection.updateOne(Filters.eq("_id", i), Updates.set("v", 1));
                    collection.replaceOne(Filters.eq("_id", i + 1), new Document("replaced", true));
                    collection.deleteOne(Filters.eq("_id", i + 2));
                }

                awaitSnapshotComplete(migration);
                awaitCaughtUp(migration, source);

                assertThat(
                                migration
                                        .figures()
                                        .operator("guard", "sum", "snapshotCopiesSuperseded")
                                        .getOrDefault("snapshotCopiesSuperseded", 0.0))
                        .as("snapshot copies dropped because a change overtook them")
                        .isGreaterThan(0);
            }
            DatabaseAssertions.assertIdentical(source, destination, List.of("race"));
            assertThat(
                            destination
                                    .getDatabase("race")
                                    .getCollection("c")
                                    .find(Filters.eq("_id", 6_502))
                                    .first())
                    .isNull();
            assertThat(collection.find().sort(Sorts.descending("_id")).first()).isNotNull();
        }
    }
}
