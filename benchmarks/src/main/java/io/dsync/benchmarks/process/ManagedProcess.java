package io.dsync.benchmarks.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process of the suite (a server, a dsync job, a baseline), watched by a {@link
 * ProcessProbe} from its start. Its stdout and stderr go to a log file and are kept in memory so
 * the suite can wait for a line or read a result line.
 */
public final class ManagedProcess implements AutoCloseable {

    /** Children still running; a shutdown hook ends them when the suite exits early. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () ->
                                        LIVE.stream()
                                                .filter(Process::isAlive)
                                                .forEach(Process::destroy),
                                "stop-children"));
    }

    private final String name;
    private final Process process;
    private final ProcessProbe probe;
    private final long startNanos;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Thread pump;

    private ManagedProcess(String name, Process process, long startNanos, Path log) {
        this.name = name;
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
        this.probe = ProcessProbe.watch(process.pid());
        this.pump = new Thread(this::pumpOutput, "output-" + name);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * Starts {@code command} in {@code workDir} with extra environment variables; output goes to
     * {@code log}.
     */
    public static ManagedProcess start(
            String name, List<String> command, Map<String, String> env, Path workDir, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.directory(workDir.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        LIVE.add(process);
        return new ManagedProcess(name, process, start, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public long startNanos() {
        return startNanos;
    }

    public ProcessProbe probe() {
        return probe;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until a line of output matches, the process exits, or the timeout passes. */
    public Optional<String> awaitLine(Predicate<String> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return Optional.of(lines.get(seen));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !pump.isAlive())) {
                    return Optional.empty();
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /** Every line of output so far. */
    public List<String> output() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** Waits for the process to exit; returns the exit code and the usage figures. */
    public Exit awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    name + " did not finish within " + timeout + "; its output is in " + log);
        }
        ProcessUsage usage = probe.stop();
        pump.join(5_000);
        return new Exit(process.exitValue(), usage);
    }

    /** Sends a signal ({@code INT}, {@code TERM}) to the process. */
    public void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    /** Ends the process (SIGTERM, then SIGKILL after 20 s) and returns its usage. */
    public ProcessUsage stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return probe.stop();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void pumpOutput() {
        try (BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out =
                        new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                out.flush();
                synchronized (lines) {
                    if (lines.size() < 100_000) {
                        lines.add(line);
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** How a process ended. */
    public record Exit(int code, ProcessUsage usage) {}
}
