package io.dsync.job.migrate;

import io.dsync.job.run.JobFailures;
import io.dsync.job.run.JobFigures;
import io.dsync.job.run.LocalFlink;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobmaster.JobResult;

/** A migration job running in this process: watch it, stop it with a savepoint, or cancel it. */
public final class LocalMigration implements AutoCloseable {

    private final LocalFlink flink;
    private final JobID job;
    private final Path savepointDir;
    private final Map<String, Long> estimates;
    private final StateFingerprint fingerprint;

    LocalMigration(
            LocalFlink flink,
            JobID job,
            Path savepointDir,
            Map<String, Long> estimates,
            StateFingerprint fingerprint) {
        this.flink = flink;
        this.job = job;
        this.savepointDir = savepointDir;
        this.estimates = estimates;
        this.fingerprint = fingerprint;
    }

    /** Estimated document counts of the selected collections, taken when the run started. */
    public Map<String, Long> estimates() {
        return estimates;
    }

    public JobID jobId() {
        return job;
    }

    public URI restAddress() throws Exception {
        return flink.restAddress();
    }

    /** The job's operator metrics, current. */
    public JobFigures figures() {
        return flink.figures(job);
    }

    public JobStatus status() throws Exception {
        return flink.status(job);
    }

    public boolean isRunning() throws Exception {
        return !status().isGloballyTerminalState();
    }

    /** Completes when the job has ended, however it ended. */
    public CompletableFuture<?> ended() {
        return flink.ended(job);
    }

    /**
     * Stops the job with a savepoint and returns its path; the savepoint records what it belongs to
     * ({@link StateFingerprint}).
     */
    public String stopWithSavepoint() throws Exception {
        String location = flink.stopWithSavepoint(job, savepointDir);
        fingerprint.writeTo(
                location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
        return location;
    }

    public void cancel() throws Exception {
        flink.cancel(job);
    }

    /** Waits for the job to end; throws a one-line user error when it failed. */
    public void awaitSuccess() throws Exception {
        JobResult result = flink.awaitResult(job);
        if (!result.isSuccess()) {
            throw JobFailures.toUserError(result);
        }
    }

    LocalFlink flink() {
        return flink;
    }

    @Override
    public void close() throws Exception {
        try {
            if (isRunning()) {
                cancel();
            }
        } finally {
            flink.close();
        }
    }
}
