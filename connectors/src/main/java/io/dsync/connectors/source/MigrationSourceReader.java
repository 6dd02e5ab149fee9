package io.dsync.connectors.source;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.sink.DdlApplier;
import io.dsync.connectors.sink.DdlJournal;
import io.dsync.connectors.sink.DestinationSchema;
import io.dsync.connectors.source.changestream.DdlEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration source reader (one per source subtask): copies the ranges it is given one after the
 * other, asking the enumerator for the next when one ends, and on subtask 0 also follows the change
 * stream. Applies the DDL events the change stream meets (see {@link DdlGate}), and emits the race
 * guard's copy-durable markers when the enumerator asks for them.
 */
final class MigrationSourceReader
        extends SourceReaderBase<
                FetchedElement, ChangeRecord, MigrationSplit, MigrationSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationSourceReader.class);

    private final MigrationSourceConfig config;
    private final MongoClient client;
    private final DdlGate gate;
    private final SourceMetrics metrics;
    private final PendingCopyDurableMarkers copyDurableMarkers = new PendingCopyDurableMarkers();
    private MongoClient destination;
    private int snapshotSplitsInHand;
    private final FinishedRanges finishedRanges = new FinishedRanges();
    private boolean started;

    MigrationSourceReader(
            SourceReaderContext context,
            MigrationSourceConfig config,
            MongoClient client,
            DdlGate gate) {
        this(context, config, client, gate, new SourceMetrics(context.metricGroup()));
    }

    private MigrationSourceReader(
            SourceReaderContext context,
            MigrationSourceConfig config,
            MongoClient client,
            DdlGate gate,
            SourceMetrics metrics) {
        super(
                new RoutingFetcherManager(
                        () -> new MigrationSplitReader(client, config, gate, metrics),
                        context.getConfiguration()),
                new MigrationRecordEmitter(metrics, gate),
                context.getConfiguration(),
                context);
        this.config = config;
        this.client = client;
        this.gate = gate;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        super.start();
        started = true;
        finishedRanges.takeToReportAgain().forEach(context::sendSourceEventToCoordinator);
        if (config.copySnapshot() && snapshotSplitsInHand == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    public void addSplits(List<MigrationSplit> splits) {
        List<MigrationSplit> toRead = new ArrayList<>(splits.size());
        for (MigrationSplit split : splits) {
            if (split instanceof FinishedSnapshotSplit finished) {
                finishedRanges.restored(finished);
                continue;
            }
            if (split instanceof SnapshotSplit) {
                snapshotSplitsInHand++;
            }
            toRead.add(split);
        }
        if (started) {
            finishedRanges.takeToReportAgain().forEach(context::sendSourceEventToCoordinator);
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
    }

    @Override
    protected MigrationSplitState initializedState(MigrationSplit split) {
        return new MigrationSplitState(split);
    }

    @Override
    protected MigrationSplit toSplitType(String splitId, MigrationSplitState state) {
        return state.toSplit();
    }

    @Override
    protected void onSplitFinished(Map<String, MigrationSplitState> finished) {
        for (MigrationSplitState state : finished.values()) {
            if (state.split() instanceof SnapshotSplit split) {
                snapshotSplitsInHand--;
                context.sendSourceEventToCoordinator(finishedRanges.finished(split));
            }
        }
        if (snapshotSplitsInHand == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<ChangeRecord> output) throws Exception {
        copyDurableMarkers.emitTo(output);
        InputStatus status = super.pollNext(output);
        DdlEvent ddl = gate.takeNotice();
        if (ddl != null) {
            LOG.info("Change stream reached {}; waiting until it can be applied", ddl);
            context.sendSourceEventToCoordinator(DdlActions.notice(ddl, config.filter()));
        }
        return status;
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof SourceEvents.DdlVerdict verdict) {
            if (!verdict.approved()) {
                throw MigrationStoppedException.fatal(
                        new MigrationStoppedException(verdict.reason()));
            }
            gate.approve();
        } else if (event instanceof SourceEvents.SnapshotSplitRecorded recorded) {
            finishedRanges.confirmed(recorded.splitId());
        } else if (event instanceof SourceEvents.SnapshotProgress progress) {
            metrics.progress(progress);
        } else if (event instanceof SourceEvents.CopyDurable durable) {
            copyDurableMarkers.add(durable.namespaces());
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return copyDurableMarkers.availableOr(super.isAvailable());
    }

    @Override
    public List<MigrationSplit> snapshotState(long checkpointId) {
        gate.checkpointTaken(checkpointId);
        metrics.checkpointTaken(checkpointId);
        List<MigrationSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        splits.addAll(finishedRanges.unconfirmed());
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        metrics.checkpointCompleted(checkpointId);
        DdlEvent ddl = gate.readyToApply(checkpointId);
        if (ddl != null) {
            if (destination == null) {
                destination = ForcedConsistency.client(config.destinationUri());
            }
            DdlActions.apply(
                    ddl,
                    gate.pendingPosition(),
                    config.filter(),
                    new DdlApplier(destination, config.mapping()),
                    new DestinationSchema(client, destination, config.mapping()),
                    new DdlJournal(destination));
            LOG.info("Applied {} to the destination", ddl);
            gate.open();
        }
        super.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            client.close();
            if (destination != null) {
                destination.close();
            }
        }
    }
}
