package io.dsync.connectors.sink;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's batches on their way to the destination: sent one after another, in the order they
 * were submitted, by one background thread, so that the task thread fills the next batch while the
 * destination works on the previous one.
 *
 * <p>One thread keeps the order of the writes exactly as the task thread decided it: a later batch
 * of a namespace never overtakes an earlier one, so the last write of each document is still its
 * newest record. At most {@code maxInFlight} batches are submitted and not yet done; {@link
 * #submit} waits for the oldest beyond that (back-pressure on the task). {@link #drain} waits for
 * all of them and is what makes a checkpoint mean "everything before it is at the destination".
 *
 * <p>A failed write is reported to the task thread at its next {@link #submit} or {@link #drain},
 * with the write's own exception; the batches queued behind a failed one are not sent (the job
 * fails and replays them from its last checkpoint, so nothing is lost) and name that failure as
 * their cause.
 */
final class InFlightWrites implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightWrites.class);

    /** One batch's write to the destination (in production {@link BatchWriter#write}). */
    @FunctionalInterface
    interface BatchWrite {
        void write(Namespace destination, Collection<ChangeRecord> records)
                throws IOException, InterruptedException;
    }

    private final BatchWrite batchWrite;
    private final int maxInFlight;
    private final ExecutorService thread;
    private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
    private volatile Throwable failure;

    InFlightWrites(BatchWrite batchWrite, int maxInFlight, String threadName) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        this.batchWrite = batchWrite;
        this.maxInFlight = maxInFlight;
        this.thread =
                Executors.newSingleThreadExecutor(
                        runnable -> {
                            Thread t = new Thread(runnable, threadName);
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Queues the batch behind the ones already submitted; first reports a failure of an earlier
     * batch, and waits while {@code maxInFlight} batches are outstanding.
     */
    void submit(Namespace destination, Collection<ChangeRecord> records)
            throws IOException, InterruptedException {
        collectFinished();
        while (inFlight.size() >= maxInFlight) {
            awaitOldest();
        }
        inFlight.add(thread.submit(() -> send(destination, records)));
    }

    /** Waits until every submitted batch is at the destination, or reports the first failure. */
    void drain() throws IOException, InterruptedException {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /** Batches submitted and not yet acknowledged (or failed). */
    int outstanding() {
        return inFlight.size();
    }

    /** Stops the background thread, interrupting a write in progress (its records are replayed). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The sink's write thread did not stop within 10 s of being interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Void send(Namespace destination, Collection<ChangeRecord> records) throws Exception {
        Throwable earlier = failure;
        if (earlier != null) {
            // The job fails with the earlier error and replays these records from its checkpoint.
            throw new IOException(
                    "Not written to " + destination + ": an earlier write failed", earlier);
        }
        try {
            batchWrite.write(destination, records);
            return null;
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        }
    }

    /** Removes the finished batches at the head of the queue, reporting the first failure. */
    private void collectFinished() throws IOException, InterruptedException {
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws IOException, InterruptedException {
        Future<?> oldest = inFlight.peek();
        try {
            oldest.get();
            inFlight.poll();
        } catch (ExecutionException e) {
            inFlight.poll();
            throw rethrown(e.getCause());
        }
    }

    private static IOException rethrown(Throwable cause) throws InterruptedException {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
