package io.dsync.job.cli;

import io.dsync.connectors.sink.ConnectionStrings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passwords of the connection strings this process was given on its command line, so that every
 * error line and stack trace dsync prints can be searched for them, whatever text carries them: a
 * driver message quoting part of a malformed connection string ({@code invalid host
 * 'alice:s3cr3t'}) is no connection string that {@link ConnectionStrings#redactIn} could find. Each
 * password is hidden as written, decoded, and, when it holds characters that end a part of a
 * connection string ({@code @ : / ? # [ ]}) unencoded, each part on its own: that is where the
 * driver cuts such a string. Texts shorter than {@value #SHORTEST} characters are left to {@link
 * ConnectionStrings}: hiding every {@code @} of a message would hide the message.
 */
public final class KnownPasswords {

    static final int SHORTEST = 3;

    private static final Pattern CONNECTION_STRING_START = Pattern.compile("mongodb(\\+srv)?://");
    private static final Pattern DELIMITERS = Pattern.compile("[@:/?#\\[\\]]");
    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    private KnownPasswords() {}

    /** Remembers the passwords of the connection strings in {@code args} ({@code --source=URI}). */
    public static void rememberIn(String... args) {
        for (String arg : args) {
            Matcher start = CONNECTION_STRING_START.matcher(arg == null ? "" : arg);
            if (start.find()) {
                remember(ConnectionStrings.passwordOf(arg.substring(start.start())));
            }
        }
    }

    /** {@code text} with every remembered password replaced by {@code ****}. */
    static String mask(String text) {
        if (text == null || SECRETS.isEmpty()) {
            return text;
        }
        List<String> longestFirst =
                SECRETS.stream()
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .toList();
        String masked = text;
        for (String secret : longestFirst) {
            masked = masked.replace(secret, "****");
        }
        return masked;
    }

    private static void remember(String password) {
        if (password == null) {
            return;
        }
        add(password);
        try {
            add(URLDecoder.decode(password.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not decodable (a lone '%'): the driver refuses it too; the raw text is hidden
        }
        if (DELIMITERS.matcher(password).find()) {
            for (String part : DELIMITERS.split(password)) {
                add(part);
            }
        }
    }

    private static void add(String secret) {
        if (secret.length() >= SHORTEST) {
            SECRETS.add(secret);
        }
    }
}
