package io.dsync.verify;

/**
 * Verify could not finish (an unreachable server, bad options, a failed job): the message says what
 * went wrong and what to do, passwords redacted. The CLI prints it as one line and exits 2.
 */
public class VerifyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VerifyException(String message) {
        super(message);
    }

    public VerifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
