package io.dsync.verify.report;

import io.dsync.connectors.sink.ConnectionStrings;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords of connection strings out of everything verify prints. */
public final class Passwords {

    private static final Pattern CONNECTION_STRING =
            Pattern.compile("mongodb(?:\\+srv)?://[^\\s\"']+");

    private Passwords() {}

    /** {@code mongodb://user:pass@host} becomes {@code mongodb://user:****@host}. */
    public static String redactUri(String uri) {
        return ConnectionStrings.redact(uri);
    }

    /** Redacts every connection string found inside a longer text (an error message). */
    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = CONNECTION_STRING.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(ConnectionStrings.redact(r.group())));
    }
}
