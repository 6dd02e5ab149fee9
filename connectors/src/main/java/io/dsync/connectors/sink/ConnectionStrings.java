package io.dsync.connectors.sink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes MongoDB connection strings safe to log: the password of {@code
 * mongodb://user:password@host/...} and {@code mongodb+srv://...} forms and secret options ({@code
 * tlsCertificateKeyFilePassword}, {@code AWS_SESSION_TOKEN} in {@code authMechanismProperties})
 * become {@code ****}.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/connection-string/">Connection
 *     strings</a>
 */
public final class ConnectionStrings {

    static final String MASK = "****";

    private static final Pattern SECRET_OPTIONS =
            Pattern.compile(
                    "(?i)(tlsCertificateKeyFilePassword=|sslCertificateKeyFilePassword="
                            + "|AWS_SESSION_TOKEN(?::|%3A))([^&,]*)");

    /** A {@code /} and, after it, the first {@code ?name=} or {@code &name=}: the options. */
    private static final Pattern OPTIONS_START =
            Pattern.compile("/[^?]*(\\?)[A-Za-z][A-Za-z0-9_]*=");

    private static final Pattern CONNECTION_STRING =
            Pattern.compile("mongodb(?:\\+srv)?://[^\\s\"']+");

    private ConnectionStrings() {}

    /**
     * Redacts every connection string found inside a longer text (an error message, a log line), as
     * {@link #redact(String)} does for one.
     */
    public static String redactIn(String text) {
        if (text == null) {
            return null;
        }
        return CONNECTION_STRING
                .matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(redact(m.group())));
    }

    /**
     * Returns the connection string with every secret replaced by {@code ****}: the password runs
     * from the first {@code :} after the scheme to the last {@code @} before the options, so that
     * unencoded {@code @ / ? #} in it are hidden too, and the string errs on the side of hiding too
     * much when it is malformed.
     */
    public static String redact(String connectionString) {
        if (connectionString == null) {
            return null;
        }
        String redacted = redactUserInfo(connectionString);
        Matcher options = SECRET_OPTIONS.matcher(redacted);
        return options.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * The password of a connection string as {@link #redact(String)} finds it (the raw text between
     * the user name and the host list, not decoded), or {@code null} when it has none.
     */
    public static String passwordOf(String connectionString) {
        int[] span = passwordSpan(connectionString);
        return span == null ? null : connectionString.substring(span[0], span[1]);
    }

    private static String redactUserInfo(String connectionString) {
        int[] span = passwordSpan(connectionString);
        if (span == null) {
            return connectionString;
        }
        return connectionString.substring(0, span[0]) + MASK + connectionString.substring(span[1]);
    }

    /** Where the password is: {start, end}, or {@code null} when there is none. */
    private static int[] passwordSpan(String connectionString) {
        int schemeEnd = connectionString.indexOf("://");
        if (schemeEnd < 0) {
            return null;
        }
        int restStart = schemeEnd + 3;
        String rest = connectionString.substring(restStart);
        int at = userInfoEnd(rest);
        if (at < 0) {
            return null;
        }
        int colon = rest.indexOf(':');
        if (colon < 0 || colon > at) {
            return null; // a user without a password (for example X.509)
        }
        return new int[] {restStart + colon + 1, restStart + at};
    }

    /**
     * Where the user information of {@code rest} (the connection string after {@code ://}) ends:
     * the last {@code @} before the options. A password may hold unencoded {@code @ / ? #} (the
     * driver refuses most of them, but the string still reaches error messages), so every {@code @}
     * counts, also after a {@code /} or {@code ?} that belongs to the password; only the options
     * are left out, which start at the first {@code ?name=} after a {@code /}. The host list that
     * follows the {@code @} is not checked: hiding a database name that holds an {@code @} too is
     * the safe mistake.
     */
    private static int userInfoEnd(String rest) {
        Matcher options = OPTIONS_START.matcher(rest);
        int optionsStart = options.find() ? options.start(1) : rest.length();
        return rest.substring(0, optionsStart).lastIndexOf('@');
    }
}
