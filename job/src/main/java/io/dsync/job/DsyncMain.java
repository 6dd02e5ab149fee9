package io.dsync.job;

import io.dsync.job.cli.DsyncCommand;
import picocli.CommandLine;

/** The {@code dsync} command line: {@code ./dsync} at the repository root runs this. */
public final class DsyncMain {

    private DsyncMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 success, 1 finding, 2 error). */
    public static int run(String... args) {
        return DsyncCommand.commandLine().execute(args);
    }

    /** The command tree, for tests and for checking job arguments (deploy manifests). */
    public static CommandLine commandLine() {
        return DsyncCommand.commandLine();
    }
}
