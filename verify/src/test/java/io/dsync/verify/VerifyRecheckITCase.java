package io.dsync.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.dsync.mongoserver.testing.ServerClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --recheck} while the source is still written and the destination follows with a lag (as
 * replication does): a writer thread changes documents on the source and shortly after on the
 * destination during the main pass, and one update reaches the destination only once rechecking has
 * begun, so the main pass surely sees it differ. The transient differences are dropped; a planted
 * permanent difference stays.
 */
class VerifyRecheckITCase {

    @RegisterExtension
    @Order(1)
    static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.miniCluster();

    private static final String DB = "verify_recheck";

    @RegisterExtension
    @Order(2)
    static final ServerClients CLIENTS = ServerClients.of(SERVERS, DB);

    @Test
    void dropsTransientDifferencesAndKeepsThePermanentOne(@TempDir Path dir) throws Exception {
        MongoCollection<Document> src = CLIENTS.source().getDatabase(DB).getCollection("items");
        MongoCollection<Document> dst =
                CLIENTS.destination().getDatabase(DB).getCollection("items");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            docs.add(new Document("_id", i).append("v", 0));
        }
        src.insertMany(docs);
        dst.insertMany(docs);
        dst.updateOne(Filters.eq("_id", 7), Updates.set("v", -1)); // permanent
        src.updateOne(Filters.eq("_id", 50), Updates.set("v", 1)); // replicated late

        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer =
                new Thread(
                        () -> {
                            int round = 1;
                            while (writing.get()) {
                                for (int id = 100; id < 120; id++) {
                                    src.updateOne(Filters.eq("_id", id), Updates.set("v", round));
                                }
                                sleep(20); // replication lag
                                for (int id = 100; id < 120; id++) {
                                    dst.updateOne(Filters.eq("_id", id), Updates.set("v", round));
                                }
                                round++;
                            }
                        },
                        "test-writer");
        writer.start();
        Runnable replicationCatchesUp =
                () -> {
                    writing.set(false);
                    join(writer);
                    dst.updateOne(Filters.eq("_id", 50), Updates.set("v", 1));
                };

        VerifyRun run;
        try {
            run =
                    VerifyRun.of(
                            VerifyOptions.builder()
                                    .sourceUri(SERVERS.sourceUri())
                                    .destinationUri(SERVERS.destinationUri())
                                    .includes(List.of(DB))
                                    .documentsPerRange(25)
                                    .parallelism(2)
                                    .progressInterval(Duration.ZERO)
                                    .recheck(true)
                                    .recheckDelay(Duration.ofMillis(300))
                                    .recheckRounds(3),
                            dir.resolve("report.jsonl"),
                            "Rechecking",
                            replicationCatchesUp);
        } finally {
            writing.set(false);
            writer.join();
        }

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(run.report()).hasSize(1);
        assertThat(run.line("different").getInt32("_id").getValue()).isEqualTo(7);
        assertThat(run.line("different").getString("field").getValue()).isEqualTo("v");
        assertThat(run.output())
                .contains("with recheck (3 rounds, 300 ms apart)")
                .contains("different 1")
                .containsPattern("\\d+ differences of the first pass were transient");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
