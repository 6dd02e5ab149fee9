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
     * Returns the connection string with every secret replaced by {@code ****}. Follows the
     * driver's own parsing (user information ends at the last {@code @} before the first {@code /})
     * and errs on the side of hiding too much when the string is malformed.
     */
    public static String redact(String connectionString) {
        if (connectionString == null) {
            return null;
        }
        String redacted = redactUserInfo(connectionString);
        Matcher options = SECRET_OPTIONS.matcher(redacted);
        return options.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    private static String redactUserInfo(String connectionString) {
        int schemeEnd = connectionString.indexOf("://");
        if (schemeEnd < 0) {
            return connectionString;
        }
        int restStart = schemeEnd + 3;
        String rest = connectionString.substring(restStart);
        int slash = rest.indexOf('/');
        int at = rest.substring(0, slash < 0 ? rest.length() : slash).lastIndexOf('@');
        if (at < 0) {
            // Malformed (for example an unencoded '/' in the password): hide up to the last '@'
            // that comes before the options.
            int question = rest.indexOf('?');
            at = rest.substring(0, question < 0 ? rest.length() : question).lastIndexOf('@');
        }
        if (at < 0) {
            return connectionString;
        }
        int colon = rest.indexOf(':');
        if (colon < 0 || colon > at) {
            return connectionString; // a user without a password (for example X.509)
        }
        return connectionString.substring(0, restStart + colon + 1)
                + MASK
                + connectionString.substring(restStart + at);
    }
}
