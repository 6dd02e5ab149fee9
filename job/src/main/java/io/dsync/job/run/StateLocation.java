package io.dsync.job.run;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where checkpoints or savepoints go, as the user wrote it: a local directory ({@code
 * dsync-state/checkpoints}) or a file system URI that a cluster can reach ({@code
 * s3://bucket/dsync}, {@code file:///mnt/shared/dsync}).
 */
public final class StateLocation {

    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private StateLocation() {}

    /** The location as a URI for Flink's configuration. */
    public static String toUri(String location) {
        if (URI_SCHEME.matcher(location).matches()) {
            return location;
        }
        return Path.of(location).toAbsolutePath().toUri().toString();
    }

    /** Whether the location is on this machine's file system. */
    public static boolean isLocal(String location) {
        return !URI_SCHEME.matcher(location).matches() || location.startsWith("file:");
    }

    /** The local directory of a local location. */
    public static Path localPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(java.net.URI.create(location));
        }
        return Path.of(location);
    }
}
