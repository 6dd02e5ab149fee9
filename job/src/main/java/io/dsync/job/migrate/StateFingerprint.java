package io.dsync.job.migrate;

import com.mongodb.ConnectionString;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a migration's checkpoints and savepoints belong to: the source and the destination (their
 * hosts, never credentials), the selection, the {@code --map} rules, the mode, how indexes are
 * copied and the flavors given. A local run writes it beside its state ({@value #FILE} in its job's
 * checkpoint directory and in every savepoint it takes), and {@code --resume} / {@code
 * --from-savepoint} compare it with the options given: state restored under other options would
 * follow the changes of collections it never copied, or a change stream without its guard. It also
 * names the {@code --checkpoint-dir} of the run that wrote it: a savepoint belongs to the runs of
 * that checkpoint directory.
 */
public final class StateFingerprint {

    static final String FILE = "dsync-fingerprint.properties";

    private static final String CHECKPOINT_DIR = "checkpoint-dir";

    /** What must be equal to continue, by option name, in the order differences are named. */
    private final Map<String, String> options;

    private final String checkpointDir;

    private StateFingerprint(Map<String, String> options, String checkpointDir) {
        this.options = options;
        this.checkpointDir = checkpointDir;
    }

    /** The fingerprint of a run with these settings keeping its checkpoints in checkpointDir. */
    static StateFingerprint of(MigrationSettings settings, Path checkpointDir) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--source", identity("source", settings.sourceUri()));
        options.put("--destination", identity("destination", settings.destinationUri()));
        options.put("--include", sorted(settings.includes()));
        options.put("--exclude", sorted(settings.excludes()));
        options.put("--map", sorted(settings.maps()));
        options.put("--mode", settings.mode().cliName());
        options.put("--indexes", settings.indexCopyMode().cliName());
        options.put(
                "--source-flavor",
                settings.sourceFlavor() == null ? "" : settings.sourceFlavor().cliName());
        options.put(
                "--destination-flavor",
                settings.destinationFlavor() == null ? "" : settings.destinationFlavor().cliName());
        return new StateFingerprint(options, normalized(checkpointDir));
    }

    /**
     * The fingerprint recorded for a snapshot: in the savepoint's own directory, or, for a
     * checkpoint ({@code JOB/chk-N}), in its job's directory; empty when none was recorded (state
     * of an older dsync, or taken by a Flink cluster).
     */
    static Optional<StateFingerprint> recordedFor(Path snapshot) {
        Path own = snapshot.resolve(FILE);
        if (Files.isRegularFile(own)) {
            return Optional.of(read(own));
        }
        Path job = snapshot.toAbsolutePath().getParent();
        if (job != null && Files.isRegularFile(job.resolve(FILE))) {
            return Optional.of(read(job.resolve(FILE)));
        }
        return Optional.empty();
    }

    /** Writes this fingerprint into {@code dir}, creating it when needed. */
    void writeTo(Path dir) {
        Properties properties = new Properties();
        options.forEach(properties::setProperty);
        properties.setProperty(CHECKPOINT_DIR, checkpointDir);
        try {
            Files.createDirectories(dir);
            try (Writer writer =
                    Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
                properties.store(writer, "what the dsync state in this directory belongs to");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /**
     * How the options that {@code recorded} was written with differ from this one's, each as {@code
     * --mode was full, now initial-sync}; empty when they are the same.
     */
    List<String> differencesFrom(StateFingerprint recorded) {
        List<String> differences = new ArrayList<>();
        options.forEach(
                (option, now) -> {
                    String was = recorded.options.getOrDefault(option, "");
                    if (!was.equals(now)) {
                        differences.add(option + " was " + shown(was) + ", now " + shown(now));
                    }
                });
        return differences;
    }

    /** Whether both were written by runs with the same {@code --checkpoint-dir}. */
    boolean sameCheckpointDir(StateFingerprint other) {
        return checkpointDir.equals(other.checkpointDir);
    }

    private static StateFingerprint read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.equals(CHECKPOINT_DIR)) {
                options.put(name, properties.getProperty(name));
            }
        }
        return new StateFingerprint(options, properties.getProperty(CHECKPOINT_DIR, ""));
    }

    /**
     * A deployment as its connection string names it, without user, password or options: the hosts,
     * sorted and with the default port, or the SRV host name.
     */
    private static String identity(String role, String uri) {
        ConnectionString connectionString = Endpoint.parse(role, uri);
        if (Boolean.TRUE.equals(connectionString.isSrvProtocol())) {
            return "mongodb+srv://" + connectionString.getHosts().get(0).toLowerCase(Locale.ROOT);
        }
        List<String> hosts = new ArrayList<>();
        for (String host : connectionString.getHosts()) {
            String lower = host.toLowerCase(Locale.ROOT);
            boolean hasPort = lower.startsWith("[") ? lower.contains("]:") : lower.contains(":");
            hosts.add(hasPort ? lower : lower + ":27017");
        }
        return sorted(hosts);
    }

    private static String sorted(List<String> values) {
        return String.join(",", values.stream().map(String::trim).sorted().toList());
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(none)" : value;
    }

    private static String normalized(Path dir) {
        return dir.toAbsolutePath().normalize().toString();
    }
}
