package io.dsync.job.run;

import io.dsync.connectors.source.MigrationStoppedException;
import io.dsync.job.cli.ErrorMessages;
import io.dsync.job.cli.UserError;
import org.apache.flink.runtime.jobmaster.JobResult;

/** Turns a failed Flink job into the one line the user needs to read. */
public final class JobFailures {

    private JobFailures() {}

    public static RuntimeException toUserError(JobResult result) {
        Throwable failure =
                result.getSerializedThrowable()
                        .map(t -> t.deserializeError(JobFailures.class.getClassLoader()))
                        .orElse(null);
        return toUserError(failure);
    }

    public static RuntimeException toUserError(Throwable failure) {
        if (failure == null) {
            return new UserError("the job failed without an error message");
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MigrationStoppedException) {
                return new UserError(t.getMessage(), failure);
            }
        }
        Throwable explained = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (explained == null && t.getClass().getName().startsWith("io.dsync.")) {
                explained = t;
            }
            root = t;
        }
        Throwable shown = explained != null ? explained : root;
        return new UserError("the job failed: " + ErrorMessages.describe(shown), failure);
    }
}
