package io.dsync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code dsync} command in a JVM of its own, started as the {@code ./dsync} launcher starts it
 * (the same class path, the same {@code --add-opens} flags read from the launcher itself, its heap
 * for two workers, its Flink configuration and log settings), with its output in a file. A test can
 * wait for a line of that output or of its log, and kill it with SIGKILL: nothing of it runs any
 * more, no shutdown hook, no savepoint, exactly like {@code kill -9} or a lost machine.
 */
final class DsyncProcess implements AutoCloseable {

    private static final Pattern OPENS = Pattern.compile("--add-opens=\\S+");

    private final String name;
    private final Process process;
    private final Path output;
    private final Path logDir;

    private DsyncProcess(String name, Process process, Path output, Path logDir) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.logDir = logDir;
    }

    /**
     * Starts {@code dsync ARGS...} with {@code workDir} as its working directory; its output goes
     * to {@code workDir/NAME.out} and its log to {@code workDir/NAME-logs/}.
     */
    static DsyncProcess start(Path home, Path workDir, String name, List<String> args)
            throws IOException {
        Path target = home.resolve("job/target");
        String classPath =
                target.resolve("dsync-job.jar")
                        + ":"
                        + Files.readString(target.resolve("launcher-classpath.txt")).trim();
        Path rpc = target.resolve("rpc/flink-rpc-akka.jar");
        if (Files.exists(rpc)) {
            classPath += ":" + rpc;
        }
        Path logDir = workDir.resolve(name + "-logs");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path classes = target.resolve("dsync-classes.jsa"); // the launcher's class-data archive
        if (Files.exists(classes)
                && !Files.getLastModifiedTime(target.resolve("dsync-job.jar"))
                        .toInstant()
                        .isAfter(Files.getLastModifiedTime(classes).toInstant())) {
            command.add("-XX:SharedArchiveFile=" + classes);
            command.add("-Xlog:cds=off,cds+dynamic=off");
        }
        command.add("-Xmx704m"); // the launcher's heap for --parallelism 2
        command.add("-Xmn176m");
        Matcher opens = OPENS.matcher(Files.readString(home.resolve("dsync")));
        while (opens.find()) {
            command.add(opens.group());
        }
        command.add("-Ddsync.log.dir=" + logDir);
        command.add(
                "-Dlog4j2.configurationFile=" + home.resolve("flink-conf/log4j-cli.properties"));
        command.add("-cp");
        command.add(classPath);
        command.add("io.dsync.job.DsyncMain");
        command.addAll(args);
        Files.createDirectories(workDir);
        Path output = workDir.resolve(name + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("DSYNC_FLINK_CONF_DIR", home.resolve("flink-conf").toString());
        return new DsyncProcess(name, builder.start(), output, logDir);
    }

    /** Everything it printed so far. */
    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** Its log so far ({@code dsync.log}). */
    String log() throws IOException {
        Path log = logDir.resolve("dsync.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The lines it printed that contain {@code text}. */
    List<String> linesWith(String text) throws IOException {
        try (Stream<String> lines = output().lines()) {
            return lines.filter(line -> line.contains(text)).toList();
        }
    }

    /** Waits until it printed a line containing {@code text}; fails if it exits first. */
    void awaitOutput(String text, Duration timeout) throws Exception {
        Await.until(
                name + " printing '" + text + "'",
                timeout,
                () -> {
                    if (!linesWith(text).isEmpty()) {
                        return true;
                    }
                    requireAlive();
                    return false;
                });
    }

    /** Fails with its output when it is no longer running. */
    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError(
                    name + " exited with " + process.exitValue() + "; it printed:\n" + output());
        }
    }

    /** SIGKILL to the JVM and anything it started, then waits until they are gone. */
    void kill() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
        for (ProcessHandle child : descendants) {
            child.onExit().join();
        }
    }

    /** The exit code once it ended. */
    int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Whether {@code directory} holds a completed checkpoint (a {@code _metadata} file). */
    static boolean holdsCompletedCheckpoint(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(directory, 3)) {
            return files.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
