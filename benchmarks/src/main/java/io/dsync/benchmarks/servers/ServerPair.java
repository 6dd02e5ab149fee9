package io.dsync.benchmarks.servers;

import io.dsync.benchmarks.process.Commands;
import java.nio.file.Path;

/** The source and destination servers every scenario of one invocation shares. */
public final class ServerPair implements AutoCloseable {

    private final ServerProcess source;
    private final ServerProcess destination;

    private ServerPair(ServerProcess source, ServerProcess destination) {
        this.source = source;
        this.destination = destination;
    }

    /** Starts both servers, one after the other. */
    public static ServerPair start(Commands commands, Path workDir, String heap) throws Exception {
        ServerProcess source = ServerProcess.start("source", commands, workDir, heap);
        try {
            return new ServerPair(
                    source, ServerProcess.start("destination", commands, workDir, heap));
        } catch (Exception e) {
            source.close();
            throw e;
        }
    }

    public ServerProcess source() {
        return source;
    }

    public ServerProcess destination() {
        return destination;
    }

    /** A full garbage collection in both servers, so that a run does not pay for earlier runs. */
    public void collectGarbage() throws InterruptedException {
        source.collectGarbage();
        destination.collectGarbage();
    }

    /** CPU seconds of both servers so far: {source, destination}. */
    public double[] cpuSeconds() {
        return new double[] {source.cpuSeconds(), destination.cpuSeconds()};
    }

    @Override
    public void close() throws InterruptedException {
        try {
            source.close();
        } finally {
            destination.close();
        }
    }
}
