package io.dsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.job.migrate.MigrationStatus;
import io.dsync.job.run.JobMetrics;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dsync as a Flink user runs it: a standalone session cluster of separate JVMs (one JobManager, two
 * TaskManagers of one slot each) started by {@code deploy/standalone/}, the job jar submitted with
 * Flink's own CLI while an application writes to the source, a TaskManager killed with SIGKILL in
 * the middle of the copy (and replaced), a stop with a savepoint, writes while stopped, a
 * resubmission from the savepoint, lag 0, then the verify job on the same cluster.
 */
class StandaloneClusterITCase {

    private static final int PER_COLLECTION = 4_000;
    private static final Duration STEP = Duration.ofMinutes(3);
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
    private static final String SOURCE = "MongoDB source";
    private static final String SINK = "MongoDB destination";

    @RegisterExtension static final MongoTestServers servers = MongoTestServers.create();

    @TempDir Path temp;

    @Test
    void migratesThroughTaskManagerLossAndSavepointThenVerifies() throws Exception {
        Path home = Path.of(System.getProperty("dsync.home", "..")).toAbsolutePath().normalize();
        assertThat(home.resolve("job/target/dsync-job.jar")).exists();
        assertThat(home.resolve("job/target/launcher-classpath.txt")).exists();
        try (MongoClient source = MongoClients.create(servers.sourceUri());
                MongoClient destination = MongoClients.create(servers.destinationUri())) {
            int seeded = SourceData.seed(source, PER_COLLECTION);
            StandaloneCluster cluster = StandaloneCluster.start(home, temp.resolve("cluster"), 2);
            try (cluster;
                    ChangeWriter writer = new ChangeWriter(servers.sourceUri(), PER_COLLECTION)) {
                run(cluster, writer, source, destination, seeded);
            } catch (Throwable failure) {
                cluster.printLogs(System.out);
                throw failure;
            }
        }
    }

    private void run(
            StandaloneCluster cluster,
            ChangeWriter writer,
            MongoClient source,
            MongoClient destination,
            int seeded)
            throws Exception {
        FlinkRest rest = new FlinkRest(cluster.restAddress());
        List<String> migrateArgs =
                List.of(
                        "--source", servers.sourceUri(),
                        "--destination", servers.destinationUri(),
                        "--parallelism", "2",
                        "--checkpoint-interval", "1s",
                        "--copy-checkpoint-interval", "1s",
                        // A capped write rate makes the copy last long enough to crash in it.
                        "--write-rate-limit", "1000");

        // 1. Submit with Flink's CLI (flink run -d) while the application writes.
        writer.start();
        String jobId =
                jobId(cluster.script("submit-migrate.sh", migrateArgs.toArray(String[]::new)));
        JobMetrics metrics = new JobMetrics(cluster.restAddress(), JobID.fromHexString(jobId));
        Await.until(
                "the first checkpoint completed",
                STEP,
                () -> metrics.lastCompletedCheckpoint() >= 1);

        // 2. Mid-copy: kill a TaskManager's JVM (SIGKILL); replace it, since every slot is needed.
        Map<String, Double> beforeKill = metrics.operator(SINK, "sum", "documentsWritten");
        assertThat(beforeKill.getOrDefault("documentsWritten", 0.0))
                .as("the crash must come in the middle of the copy")
                .isLessThan(seeded);
        String victim = cluster.liveTaskManagers().get(0);
        cluster.killTaskManager(victim);
        String replacement = cluster.addTaskManager();
        Await.until("a restart after losing " + victim, STEP, () -> rest.restarts(jobId) >= 1);
        Await.until(
                "the job running again on " + replacement,
                STEP,
                () -> rest.allTasksRunning(jobId) && rest.taskManagers() == 2);
        assertThat(rest.restoredCheckpoint(jobId))
                .as("the job restored its last checkpoint")
                .isGreaterThanOrEqualTo(1);
        assertThat(rest.failures(jobId))
                .as("the failure history shows the lost TaskManager")
                .isNotEmpty();
        System.out.println("Recovered after losing " + victim + ": " + rest.failures(jobId));

        Await.until(
                "the copy complete",
                STEP,
                () ->
                        metrics.operator(SOURCE, "max", "dsync.snapshotComplete")
                                        .getOrDefault("dsync.snapshotComplete", 0.0)
                                == 1.0);
        assertThat(PrometheusScrape.all(cluster.metricsPort(), 10))
                .as("the TaskManagers' Prometheus reporters serve dsync's metrics")
                .contains("dsync_snapshotDocumentsRead");

        // 3. Stop with a savepoint; the application goes on writing while dsync is stopped.
        String savepoint =
                savepoint(cluster.script("stop-with-savepoint.sh", jobId).requireSuccess());
        // Flink's REST API answers from a cache it refreshes after the request: the job's end may
        // show a moment after the savepoint's
        Await.until(
                "the stopped job finished", STEP, () -> "FINISHED".equals(rest.jobState(jobId)));
        writer.write(200);

        // 4. Resubmit from the savepoint with the same arguments; catch up to lag 0.
        List<String> resubmitArgs = new ArrayList<>(List.of(savepoint));
        resubmitArgs.addAll(migrateArgs);
        String resumedId =
                jobId(
                        cluster.script(
                                "resubmit-from-savepoint.sh", resubmitArgs.toArray(String[]::new)));
        JobMetrics resumed = new JobMetrics(cluster.restAddress(), JobID.fromHexString(resumedId));
        Await.until("the resumed job running", STEP, () -> rest.allTasksRunning(resumedId));
        Thread.sleep(2_000);
        writer.stop();
        BsonTimestamp last =
                (BsonTimestamp)
                        source.getDatabase("admin")
                                .runCommand(new Document("ping", 1))
                                .get("operationTime");
        Await.until(
                "every change up to " + last + " durable at the destination (lag 0)",
                STEP,
                () ->
                        MigrationStatus.durableAtLeast(
                                resumed.operator(
                                        SOURCE,
                                        "max",
                                        "dsync.durableClusterTime",
                                        "dsync.durableClusterTimeIncrement"),
                                last));
        System.out.println(
                "Caught up after " + writer.operations() + " changes by the application");

        // 5. Cut over: cancel the migration, then verify on the same cluster (attached).
        cluster.script("flink.sh", "cancel", resumedId).requireSuccess();
        Await.until(
                "the migration cancelled", STEP, () -> rest.jobState(resumedId).equals("CANCELED"));
        ScriptResult verify =
                cluster.script(
                        "run-verify.sh",
                        "--source",
                        servers.sourceUri(),
                        "--destination",
                        servers.destinationUri());
        assertThat(verify.exitCode())
                .as("verify's exit code; it printed:\n" + verify.output())
                .isZero();
        assertThat(DatabaseComparison.differences(source, destination)).isEmpty();
        assertThat(DatabaseComparison.namespaces(destination)).containsAll(SourceData.NAMESPACES);
    }

    private static String jobId(ScriptResult submitted) {
        submitted.requireSuccess();
        Matcher matcher = JOB_ID.matcher(submitted.output());
        if (!matcher.find()) {
            throw new AssertionError("no job id in:\n" + submitted.output());
        }
        return matcher.group(1);
    }

    private static String savepoint(ScriptResult stopped) {
        Matcher matcher = SAVEPOINT.matcher(stopped.output());
        if (!matcher.find()) {
            throw new AssertionError("no savepoint path in:\n" + stopped.output());
        }
        return matcher.group(1);
    }
}
