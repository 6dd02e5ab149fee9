package io.dsync.job.cli;

import io.dsync.connectors.sink.ConnectionStrings;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Turns exceptions into the one line dsync prints, with passwords redacted. */
public final class ErrorMessages {

    private ErrorMessages() {}

    /** The message of {@code e} (or of the cause that carries one), passwords redacted. */
    public static String describe(Throwable e) {
        if (e instanceof UserError) {
            return redact(e.getMessage());
        }
        Throwable withMessage = e;
        while (withMessage.getCause() != null
                && (withMessage.getMessage() == null
                        || withMessage.getMessage().equals(withMessage.getCause().toString()))) {
            withMessage = withMessage.getCause();
        }
        String message = withMessage.getMessage();
        String text =
                withMessage.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return redact(text.replace('\n', ' '));
    }

    /**
     * Redacts the secrets of every MongoDB connection string in {@code text}, and every password
     * given on the command line wherever it stands ({@link KnownPasswords}).
     */
    public static String redact(String text) {
        return KnownPasswords.mask(ConnectionStrings.redactIn(text));
    }

    /** The stack trace of {@code e} as {@link Throwable#printStackTrace()} writes it, redacted. */
    public static String stackTrace(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return redact(trace.toString());
    }
}
