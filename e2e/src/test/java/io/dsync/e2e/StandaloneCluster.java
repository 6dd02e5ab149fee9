package io.dsync.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster on this machine, started, grown and stopped with the scripts
 * of {@code deploy/standalone/}: one JobManager and TaskManagers, each its own JVM. Every process
 * it started is remembered by its handle and ended by {@link #close()}, whatever happened before.
 */
final class StandaloneCluster implements AutoCloseable {

    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    private final Path dir;
    private final Scripts scripts;
    private final int restPort;
    private final int metricsPort;
    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::killAll, "standalone-cluster-cleanup");

    private StandaloneCluster(Path dir, Scripts scripts, int restPort, int metricsPort) {
        this.dir = dir;
        this.scripts = scripts;
        this.restPort = restPort;
        this.metricsPort = metricsPort;
    }

    /**
     * Writes the test's overrides of {@code flink-conf/config.yaml} (small memory, 1 slot per
     * TaskManager, fast failure detection, free ports) and starts JobManager + TaskManagers.
     */
    static StandaloneCluster start(Path dsyncHome, Path dir, int taskManagers) throws Exception {
        Files.createDirectories(dir);
        int restPort = FreePorts.one();
        int rpcPort = FreePorts.one();
        int metricsPort = FreePorts.range(10);
        Path overrides = dir.resolve("test-overrides.yaml");
        Files.writeString(
                overrides,
                String.join(
                        "\n",
                        "# Small processes for a 2-core machine; 1 slot each.",
                        "jobmanager.memory.process.size: 768m",
                        "taskmanager.memory.process.size: 768m",
                        "taskmanager.memory.jvm-metaspace.size: 160m",
                        "taskmanager.memory.jvm-overhead.min: 64m",
                        "taskmanager.memory.framework.heap.size: 64m",
                        "# framework.off-heap stays at its 128m default: a batch job (verify)",
                        "# takes its sort-merge shuffle read buffers (64m) from it.",
                        "taskmanager.memory.managed.fraction: 0.2",
                        "taskmanager.numberOfTaskSlots: 1",
                        "# A TaskManager that died is noticed in seconds, not 50 s.",
                        "heartbeat.interval: 1000",
                        "heartbeat.timeout: 5000",
                        "restart-strategy.exponential-delay.max-backoff: 5 s",
                        "metrics.reporter.prom.port: " + metricsPort + "-" + (metricsPort + 9),
                        ""));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DSYNC_CLUSTER_DIR", dir.toString());
        env.put("DSYNC_CLUSTER_CONF", overrides.toString());
        env.put("DSYNC_REST_PORT", Integer.toString(restPort));
        env.put("DSYNC_RPC_PORT", Integer.toString(rpcPort));
        // C1 only and the serial collector: these JVMs start faster on a busy 2-core machine.
        env.put("JVM_ARGS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        StandaloneCluster cluster =
                new StandaloneCluster(dir, new Scripts(dsyncHome, dir, env), restPort, metricsPort);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            ScriptResult started =
                    cluster.scripts.run(
                            SCRIPT_TIMEOUT,
                            "start-cluster.sh",
                            "--taskmanagers",
                            Integer.toString(taskManagers));
            cluster.rememberProcesses();
            started.requireSuccess();
        } catch (Throwable e) {
            cluster.rememberProcesses();
            cluster.close();
            throw e;
        }
        return cluster;
    }

    URI restAddress() {
        return URI.create("http://localhost:" + restPort + "/");
    }

    /** The first port of the Prometheus reporters' range (each process takes the next free). */
    int metricsPort() {
        return metricsPort;
    }

    Path directory() {
        return dir;
    }

    /** Runs a script of {@code deploy/standalone/} against this cluster. */
    ScriptResult script(String script, String... args) throws Exception {
        return scripts.run(SCRIPT_TIMEOUT, script, args);
    }

    /** The TaskManagers' names (taskmanager-1 ...) that are alive. */
    List<String> liveTaskManagers() {
        return processes.entrySet().stream()
                .filter(e -> e.getKey().startsWith("taskmanager") && e.getValue().isAlive())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Kills a TaskManager's JVM with SIGKILL, as a crashed machine would vanish. */
    void killTaskManager(String name) throws Exception {
        ProcessHandle handle = processes.get(name);
        if (handle == null || !name.startsWith("taskmanager")) {
            throw new IllegalArgumentException("no TaskManager " + name + " in " + processes);
        }
        handle.destroyForcibly();
        handle.onExit().get(30, TimeUnit.SECONDS);
    }

    /** Starts one more TaskManager (start-taskmanager.sh) and returns its name. */
    String addTaskManager() throws Exception {
        ScriptResult result = script("start-taskmanager.sh");
        rememberProcesses();
        result.requireSuccess();
        return result.output().trim();
    }

    /** Prints the end of every log the cluster and its clients wrote, to debug a failure. */
    void printLogs(PrintStream out) {
        Path logs = dir.resolve("log");
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file :
                    files.filter(Files::isRegularFile)
                            .filter(f -> f.toString().matches(".*\\.(log|out)(\\.\\d+)?$"))
                            .sorted()
                            .toList()) {
                List<String> lines = Files.readAllLines(file);
                out.println("===== " + file + " (last 150 of " + lines.size() + " lines) =====");
                lines.subList(Math.max(0, lines.size() - 150), lines.size()).forEach(out::println);
            }
        } catch (IOException e) {
            out.println("(cannot read the logs in " + logs + ": " + e + ")");
        }
    }

    /** Stops the cluster with stop-cluster.sh, then kills whatever of it is still alive. */
    @Override
    public void close() throws Exception {
        try {
            if (processes.values().stream().anyMatch(ProcessHandle::isAlive)) {
                scripts.run(Duration.ofMinutes(1), "stop-cluster.sh");
            }
        } finally {
            killAll();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private void killAll() {
        for (ProcessHandle handle : processes.values()) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : processes.values()) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("process " + handle.pid() + " did not end: " + e);
            }
        }
    }

    /** Reads the pid files the scripts wrote; a handle, once seen, is kept until close. */
    private void rememberProcesses() throws IOException {
        Path pids = dir.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replace(".pid", "");
                if (processes.containsKey(name)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(file).trim());
                Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                handle.ifPresent(h -> processes.put(name, h));
            }
        }
    }
}
