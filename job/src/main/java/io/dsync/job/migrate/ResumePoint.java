package io.dsync.job.migrate;

import io.dsync.job.cli.UserError;
import io.dsync.job.run.CheckpointLocator;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkpoint or savepoint a local run continues from, and the check that it is this
 * migration's. {@code --resume} considers only this run's state: the checkpoints under its {@code
 * --checkpoint-dir}, and the savepoints under its {@code --savepoint-dir} that were taken by a run
 * with the same {@code --checkpoint-dir}; of those it takes the newest whose {@link
 * StateFingerprint} matches the options given. Resuming state recorded under other options, or
 * state with no record of what it belongs to, is refused with one line naming the difference.
 */
final class ResumePoint {

    private static final String START_FRESH =
            "Pass the options that state was written with, or start fresh: without --resume, with"
                    + " another --checkpoint-dir and an emptied destination";

    private ResumePoint() {}

    /** The snapshot to restore, or {@code null} for a fresh run. */
    static Path find(
            MigrationSettings settings,
            StateFingerprint current,
            Path checkpointDir,
            Path savepointDir) {
        if (settings.fromSavepoint() != null) {
            Path snapshot = settings.fromSavepoint();
            Optional<StateFingerprint> recorded = StateFingerprint.recordedFor(snapshot);
            if (recorded.isPresent() && !current.differencesFrom(recorded.get()).isEmpty()) {
                throw mismatch("--from-savepoint", snapshot, current, recorded.get());
            }
            return snapshot;
        }
        if (!settings.resume()) {
            return null;
        }
        Path newestOfThisRun = null;
        Optional<StateFingerprint> newestRecorded = Optional.empty();
        for (Path snapshot : CheckpointLocator.newestFirst(checkpointDir, savepointDir)) {
            Optional<StateFingerprint> recorded = StateFingerprint.recordedFor(snapshot);
            boolean checkpoint = isUnder(snapshot, checkpointDir);
            if (!checkpoint && !recorded.map(current::sameCheckpointDir).orElse(false)) {
                continue; // a savepoint of another --checkpoint-dir's runs
            }
            if (recorded.isPresent() && current.differencesFrom(recorded.get()).isEmpty()) {
                return snapshot;
            }
            if (newestOfThisRun == null) {
                newestOfThisRun = snapshot;
                newestRecorded = recorded;
            }
        }
        if (newestOfThisRun == null) {
            throw new UserError(
                    "--resume: no checkpoint under "
                            + checkpointDir.toAbsolutePath()
                            + " and no savepoint of its runs under "
                            + savepointDir.toAbsolutePath()
                            + ": pass the --checkpoint-dir the migration ran with, or"
                            + " --from-savepoint PATH");
        }
        if (newestRecorded.isEmpty()) {
            throw new UserError(
                    "--resume: "
                            + newestOfThisRun.toAbsolutePath()
                            + " has no record of the migration it belongs to (written by an older"
                            + " dsync): continue it with --from-savepoint "
                            + newestOfThisRun.toAbsolutePath()
                            + " if it is this one's. "
                            + START_FRESH);
        }
        throw mismatch("--resume", newestOfThisRun, current, newestRecorded.get());
    }

    private static UserError mismatch(
            String flag, Path snapshot, StateFingerprint current, StateFingerprint recorded) {
        return new UserError(
                flag
                        + ": "
                        + snapshot.toAbsolutePath()
                        + " belongs to another migration ("
                        + String.join("; ", current.differencesFrom(recorded))
                        + "). "
                        + START_FRESH);
    }

    private static boolean isUnder(Path path, Path dir) {
        return path.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize());
    }
}
