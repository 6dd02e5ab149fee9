package io.dsync.connectors.source;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.CopyDurable;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;

/**
 * The copy-durable markers the enumerator asked the stream reader to emit, until its next poll
 * emits them (ahead of anything else it emits then). Touched by the reader's task thread only.
 */
final class PendingCopyDurableMarkers {

    private final ArrayDeque<String> namespaces = new ArrayDeque<>();
    private CompletableFuture<Void> arrived = new CompletableFuture<>();

    void add(List<String> durable) {
        namespaces.addAll(durable);
        arrived.complete(null);
    }

    void emitTo(ReaderOutput<ChangeRecord> output) {
        while (!namespaces.isEmpty()) {
            output.collect(CopyDurable.marker(namespaces.poll()));
        }
    }

    /**
     * Available when the reader's records are, or as soon as markers are waiting, so that an idle
     * reader emits them at once.
     */
    CompletableFuture<Void> availableOr(CompletableFuture<Void> records) {
        if (!namespaces.isEmpty() || records.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        if (arrived.isDone()) {
            arrived = new CompletableFuture<>();
        }
        return CompletableFuture.anyOf(records, arrived).thenApply(ignored -> null);
    }
}
