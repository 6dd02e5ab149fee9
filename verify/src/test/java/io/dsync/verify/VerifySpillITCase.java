package io.dsync.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection whose digests do not fit the job's managed memory: the batch shuffle's sort must
 * spill to disk, and verify still finds the one planted difference and matches everything else. The
 * test watches Flink's temporary directory for spill files while the job runs.
 */
class VerifySpillITCase {

    private static final int DOCUMENTS = 60_000;
    private static final MemorySize MANAGED_MEMORY = MemorySize.parse("4mb");

    @TempDir static Path flinkTemp;

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(flinkConfiguration());

    private static final String DB = "verify_spill";
    private static MongoClient source;
    private static MongoClient destination;

    private static Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        return conf;
    }

    /** Where the MiniCluster's I/O directories ({@code flink-io-*}) end up. */
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @BeforeAll
    static void fill() {
        source = MongoClients.create(SERVERS.sourceUri());
        destination = MongoClients.create(SERVERS.destinationUri());
        MongoCollection<Document> src = source.getDatabase(DB).getCollection("big");
        MongoCollection<Document> dst = destination.getDatabase(DB).getCollection("big");
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(new Document("_id", i).append("v", i));
            if (batch.size() == 10_000) {
                src.insertMany(batch);
                dst.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
        dst.updateOne(Filters.eq("_id", 33_333), Updates.set("v", -1));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        source.getDatabase(DB).drop();
        destination.getDatabase(DB).drop();
        source.close();
        destination.close();
    }

    @Test
    void verifiesACollectionLargerThanManagedMemory(@TempDir Path dir) throws Exception {
        // A digest record is about 60 bytes plus its serialized key (some 20) and the sorter's
        // index entry: 120,000 of them need some 10 MB, against 4 MB of managed memory shared by
        // the two slots.
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicLong largestSpill = new AtomicLong();
        Thread watcher =
                new Thread(
                        () -> {
                            while (watching.get()) {
                                largestSpill.accumulateAndGet(spilledBytes(), Math::max);
                                try {
                                    Thread.sleep(5);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "spill-watcher");
        watcher.start();
        VerifyRun run;
        try {
            run =
                    VerifyRun.of(
                            VerifyOptions.builder()
                                    .sourceUri(SERVERS.sourceUri())
                                    .destinationUri(SERVERS.destinationUri())
                                    .includes(List.of(DB))
                                    .documentsPerRange(20_000)
                                    .parallelism(2)
                                    .progressInterval(Duration.ofSeconds(1)),
                            dir.resolve("report.jsonl"));
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertThat(run.exitCode()).isEqualTo(VerifyRunner.DIFFERENCES);
        assertThat(run.report()).hasSize(1);
        assertThat(run.line("different").getInt32("_id").getValue()).isEqualTo(33_333);
        assertThat(run.output())
                .contains(
                        "documents: source 60,000, destination 60,000; matched 59,999, missing"
                                + " on destination 0, extra on destination 0, different 1");
        assertThat(largestSpill.get())
                .as("bytes of sort spill files (*.channel) under " + TEMP)
                .isPositive();
    }

    /** Bytes in Flink's spill channel files under the temporary directory, now. */
    private static long spilledBytes() {
        try (Stream<Path> files = Files.walk(TEMP, 4)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".channel"))
                    .filter(f -> f.toString().contains("flink-io-"))
                    .mapToLong(
                            f -> {
                                try {
                                    return Files.size(f);
                                } catch (IOException e) {
                                    return 0; // deleted meanwhile
                                }
                            })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
