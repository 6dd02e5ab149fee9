package io.dsync.job.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code dsync} command: subcommands, global flags, exit codes, error output. */
@Command(
        name = "dsync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Live migration for MongoDB and MongoDB-compatible databases, as an Apache Flink job.",
            "",
            "Exit codes: 0 success, 1 a finding (verify found differences), 2 usage or runtime error."
        },
        subcommands = {
            io.dsync.job.demo.DemoCommand.class,
            MigrateCommand.class,
            VerifyCommand.class,
            FinalizeCommand.class,
            MongoServerCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DsyncCommand implements Runnable {

    @Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors and more detail while running.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: say what to run (see --help).");
    }

    /** Builds the command line with dsync's error handling. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DsyncCommand());
        commandLine.setExecutionExceptionHandler(DsyncCommand::handleExecutionException);
        commandLine.setParameterExceptionHandler(DsyncCommand::handleParameterException);
        return commandLine;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("dsync: " + ErrorMessages.redact(e.getMessage()));
        err.println(
                "Run '"
                        + e.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help' for usage.");
        err.flush();
        return ExitCodes.ERROR;
    }

    private static int handleExecutionException(
            Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = isVerbose(parseResult);
        err.println("dsync: error: " + ErrorMessages.describe(e));
        if (verbose) {
            err.print(ErrorMessages.stackTrace(e));
        } else if (!(e instanceof UserError)) {
            err.println("(run with --verbose for the stack trace; logs are in dsync-state/logs)");
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
