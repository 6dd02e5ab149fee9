package io.dsync.mongoserver.wire;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs tasks one after another, in submission order, on threads of a shared executor. */
final class SerialExecutor implements Executor {

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor executor;
    private Runnable active;

    SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(
                () -> {
                    try {
                        task.run();
                    } finally {
                        scheduleNext();
                    }
                });
        if (active == null) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        active = tasks.poll();
        if (active != null) {
            try {
                executor.execute(active);
            } catch (RejectedExecutionException e) {
                // The server is closing: the connection's remaining commands are dropped with it.
                tasks.clear();
                active = null;
            }
        }
    }
}
