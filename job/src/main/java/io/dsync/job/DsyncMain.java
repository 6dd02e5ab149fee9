package io.dsync.job;

import io.dsync.job.cli.DsyncCommand;
import io.dsync.job.cli.ExitCodes;
import io.dsync.job.cli.KnownPasswords;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;

/** The {@code dsync} command line: {@code ./dsync} at the repository root runs this. */
public final class DsyncMain {

    /** The execution target of a main() run inside a JobManager (Flink's EmbeddedExecutor). */
    static final String EMBEDDED_TARGET = "embedded";

    private DsyncMain() {}

    public static void main(String[] args) {
        int code = run(args);
        if (insideJobManager()) {
            // Application mode (Kubernetes operator) or a jar run through the REST API: this
            // main() runs inside the JobManager, where System.exit would end the JobManager and
            // every job in it. Return normally instead; a failure fails the application.
            if (code != ExitCodes.OK) {
                throw new IllegalStateException(
                        "dsync "
                                + (args.length > 0 ? args[0] : "")
                                + " ended with exit code "
                                + code
                                + " (the reason is printed above)");
            }
            return;
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (0 success, 1 finding, 2 error). */
    public static int run(String... args) {
        KnownPasswords.rememberIn(args);
        return DsyncCommand.commandLine().execute(args);
    }

    /** The command tree, for tests and for checking job arguments (deploy manifests). */
    public static CommandLine commandLine() {
        return DsyncCommand.commandLine();
    }

    /** Whether Flink runs this main() inside a JobManager rather than in a client process. */
    static boolean insideJobManager() {
        return EMBEDDED_TARGET.equals(
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .getConfiguration()
                        .get(DeploymentOptions.TARGET));
    }
}
