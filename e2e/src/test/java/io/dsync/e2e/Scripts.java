package io.dsync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the scripts of {@code deploy/standalone/} exactly as the cluster guide tells a user to, with
 * the environment that points them at one cluster directory, and waits for them with a timeout (a
 * script still running then is killed, with everything it started in the foreground).
 */
final class Scripts {

    private final Path standaloneDir;
    private final Path workDir;
    private final Map<String, String> environment;
    private final AtomicInteger runs = new AtomicInteger();

    Scripts(Path dsyncHome, Path workDir, Map<String, String> environment) {
        this.standaloneDir = dsyncHome.resolve("deploy").resolve("standalone");
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code deploy/standalone/SCRIPT ARGS...} and returns how it ended. */
    ScriptResult run(Duration timeout, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(standaloneDir.resolve(script).toString());
        command.addAll(List.of(args));
        String shown = script + " " + String.join(" ", args);
        Path output = workDir.resolve("script-" + runs.incrementAndGet() + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        shown
                                + " did not finish within "
                                + timeout
                                + "; it printed:\n"
                                + read(output));
            }
            return new ScriptResult(shown, process.exitValue(), read(output));
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
