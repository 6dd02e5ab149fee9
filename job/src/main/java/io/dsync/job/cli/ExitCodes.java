package io.dsync.job.cli;

/** The process exit codes of every dsync command. */
public final class ExitCodes {

    /** Success (for verify: source and destination are identical). */
    public static final int OK = 0;

    /** A finding: verify found differences. */
    public static final int FINDING = 1;

    /** Bad usage or a runtime error. */
    public static final int ERROR = 2;

    private ExitCodes() {}
}
