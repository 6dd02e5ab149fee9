package io.dsync.benchmarks.servers;

import io.dsync.benchmarks.process.Commands;
import io.dsync.benchmarks.process.Jcmd;
import io.dsync.benchmarks.process.ManagedProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One {@code ./dsync mongo-server} in its own JVM on a free loopback port; its CPU time is watched
 * so a run can say how busy the server was.
 */
public final class ServerProcess implements AutoCloseable {

    /** Change events each server keeps for resuming (enough for the catch-up test). */
    static final int OPLOG_ENTRIES = 500_000;

    private final String role;
    private final ManagedProcess process;
    private final String uri;

    private ServerProcess(String role, ManagedProcess process, String uri) {
        this.role = role;
        this.process = process;
        this.uri = uri;
    }

    /** Starts a server and waits until it prints its connection string. */
    public static ServerProcess start(String role, Commands commands, Path workDir, String heap)
            throws IOException, InterruptedException {
        int port = freePort();
        ManagedProcess process =
                ManagedProcess.start(
                        role + "-server",
                        commands.dsync(
                                "mongo-server",
                                "--port",
                                Integer.toString(port),
                                "--oplog-entries",
                                Integer.toString(OPLOG_ENTRIES)),
                        Map.of(
                                "DSYNC_JAVA_OPTS",
                                "-Xmx" + heap,
                                "DSYNC_LOG_DIR",
                                workDir.resolve("logs").toString()),
                        workDir,
                        workDir.resolve("logs").resolve(role + "-server.out"));
        String line =
                process.awaitLine(l -> l.contains("mongodb://"), Duration.ofMinutes(5))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "the "
                                                        + role
                                                        + " server did not start; see "
                                                        + process.log()));
        return new ServerProcess(role, process, line.trim());
    }

    public String role() {
        return role;
    }

    /** The connection string the server printed. */
    public String uri() {
        return uri;
    }

    /**
     * A full garbage collection in the server ({@code jcmd PID GC.run}): the embedded server keeps
     * documents as Java objects, and what earlier runs left behind would otherwise be collected
     * during whichever run comes next.
     */
    public void collectGarbage() throws InterruptedException {
        if (!Jcmd.run(
                process.pid(), process.log().resolveSibling(role + "-server-gc.log"), "GC.run")) {
            throw new IllegalStateException("could not collect the " + role + " server's garbage");
        }
    }

    /** CPU seconds the server has used so far. */
    public double cpuSeconds() {
        return process.probe().cpuSecondsNow();
    }

    public long peakRssBytes() {
        return process.probe().peakRssNow();
    }

    @Override
    public void close() throws InterruptedException {
        process.stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
