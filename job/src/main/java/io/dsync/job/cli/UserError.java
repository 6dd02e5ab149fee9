package io.dsync.job.cli;

/**
 * An error the user can fix (bad input, unreachable server, wrong credentials...): printed as one
 * line on stderr, without a stack trace, and the process exits with code 2.
 */
public class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
