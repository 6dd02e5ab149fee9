package io.dsync.e2e;

/** How a script of {@code deploy/standalone/} ended: its exit code and what it printed. */
record ScriptResult(String command, int exitCode, String output) {

    /** This result, or an AssertionError naming the command, its exit code and output. */
    ScriptResult requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(
                    command + " exited with " + exitCode + "; it printed:\n" + output);
        }
        return this;
    }
}
