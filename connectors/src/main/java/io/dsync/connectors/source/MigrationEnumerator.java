package io.dsync.connectors.source;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.CopyDurable;
import io.dsync.connectors.source.catalog.CollectionInfo;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.connectors.source.snapshot.IdRange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the work of the migration source: the change stream split to reader 0 as soon as it
 * registers (so the stream is read while the copy runs), and the {@code _id} ranges of every
 * selected collection, one at a time, to whichever reader asks. It prepares each destination
 * collection before handing out its ranges, creates its secondary indexes after its copy is durable
 * (a checkpoint completed after its last range finished), and rules on DDL events the change stream
 * meets (they may not touch a collection whose copy is still running).
 */
final class MigrationEnumerator implements SplitEnumerator<MigrationSplit, EnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationEnumerator.class);
    private static final int STREAM_READER = 0;

    private final SplitEnumeratorContext<MigrationSplit> context;
    private final MigrationSourceConfig config;
    private final EnumeratorState state;
    private final SourceWork work;
    private final Set<Integer> waitingReaders = new LinkedHashSet<>();

    /** Namespaces whose copy is complete, mapped to the checkpoint that must complete first. */
    private final Map<String, Long> awaitingIndexes = new LinkedHashMap<>();

    /** Which namespaces' copies are durable, for the race guard's markers (streaming only). */
    private final DurableCopies durableCopies = new DurableCopies();

    /**
     * Collection UUIDs as listed, then as held at splitting (not checkpointed: a restored split
     * carries its own); none where the server reports no UUID.
     */
    private final Map<String, UUID> collectionUuids = new ConcurrentHashMap<>();

    private boolean noMoreSplitsSignalled;
    private Boolean backlogReported;

    MigrationEnumerator(
            SplitEnumeratorContext<MigrationSplit> context,
            MigrationSourceConfig config,
            EnumeratorState state) {
        this.context = context;
        this.config = config;
        this.state = state;
        this.work = new SourceWork(config);
    }

    @Override
    public void start() {
        reportBacklog();
        restoreDurableCopies();
        if (!config.copySnapshot()) {
            state.discovered = true;
            return;
        }
        if (!state.discovered) {
            context.callAsync(this::discover, this::onDiscovered);
        } else {
            for (Map.Entry<String, NamespaceProgress> e : state.namespaces.entrySet()) {
                if (!e.getValue().splitDone) {
                    scheduleSplitting(e.getKey());
                } else if (e.getValue().snapshotComplete() && !e.getValue().indexesCopied) {
                    awaitingIndexes.put(e.getKey(), -1L);
                }
            }
        }
    }

    private List<String> discover() {
        List<String> namespaces = new ArrayList<>();
        for (CollectionInfo info : SourceCatalog.list(work.sourceClient(), config.filter())) {
            if (info.type() == CollectionInfo.Type.VIEW) {
                LOG.info("Skipping view {} (views are not copied as data)", info.namespace());
                continue;
            }
            if (info.type() == CollectionInfo.Type.TIMESERIES) {
                throw MigrationStoppedException.fatal(
                        new MigrationStoppedException(
                                "time-series collection "
                                        + info.namespace()
                                        + " cannot be migrated by dsync; exclude it with"
                                        + " --exclude "
                                        + info.namespace()));
            }
            namespaces.add(info.namespace().fullName());
            info.uuid().ifPresent(uuid -> collectionUuids.put(info.namespace().fullName(), uuid));
        }
        return namespaces;
    }

    private void onDiscovered(List<String> namespaces, Throwable error) {
        if (error != null) {
            throw new IllegalStateException("listing the source's collections failed", error);
        }
        LOG.info("Initial copy of {} collections", namespaces.size());
        for (String namespace : namespaces) {
            state.namespaces.putIfAbsent(namespace, new NamespaceProgress());
        }
        state.discovered = true;
        for (String namespace : namespaces) {
            scheduleSplitting(namespace);
        }
        checkSnapshotComplete();
    }

    private void scheduleSplitting(String namespace) {
        NamespaceProgress progress = state.namespaces.get(namespace);
        boolean prepare = !progress.prepared;
        context.callAsync(
                () -> prepareAndSplit(Namespace.parse(namespace), prepare),
                (ranges, error) -> onSplit(namespace, ranges, error));
    }

    private List<IdRange> prepareAndSplit(Namespace namespace, boolean prepare) {
        if (prepare) {
            work.prepareDestination(namespace);
        }
        UUID uuid =
                CopiedCollectionCheck.atSplit(
                        work.sourceClient(), namespace, collectionUuids.get(namespace.fullName()));
        if (uuid != null) {
            collectionUuids.put(namespace.fullName(), uuid);
        }
        List<IdRange> ranges = new ArrayList<>();
        Iterator<IdRange> it = work.split(namespace);
        while (it.hasNext()) {
            ranges.add(it.next());
        }
        return ranges;
    }

    private void onSplit(String namespace, List<IdRange> ranges, Throwable error) {
        if (error != null) {
            throw new IllegalStateException(
                    "splitting " + namespace + " into ranges failed", error);
        }
        NamespaceProgress progress = state.namespaces.get(namespace);
        progress.prepared = true;
        progress.splitDone = true;
        for (IdRange range : ranges) {
            progress.openRanges.add(range.id());
            state.pendingSplits.add(new SnapshotSplit(range, null, collectionUuids.get(namespace)));
        }
        LOG.info("{} split into {} ranges", namespace, ranges.size());
        if (progress.snapshotComplete()) {
            namespaceCopied(namespace);
        }
        serveWaitingReaders();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        waitingReaders.add(subtaskId);
        serveWaitingReaders();
    }

    private void serveWaitingReaders() {
        Iterator<Integer> it = waitingReaders.iterator();
        while (it.hasNext() && !state.pendingSplits.isEmpty()) {
            int reader = it.next();
            if (!context.registeredReaders().containsKey(reader)) {
                it.remove();
                continue;
            }
            context.assignSplit(
                    state.pendingSplits.remove(
                            RangeOrder.next(state.pendingSplits, state.namespaces)),
                    reader);
            it.remove();
        }
        checkSnapshotComplete();
    }

    @Override
    public void addSplitsBack(List<MigrationSplit> splits, int subtaskId) {
        for (MigrationSplit split : splits) {
            if (split instanceof ChangeStreamSplit stream) {
                state.unassignedStream = stream;
            } else {
                SnapshotSplit range = (SnapshotSplit) split;
                state.pendingSplits.add(0, range);
                reopen(range);
            }
        }
        noMoreSplitsSignalled = false;
    }

    @Override
    public void addReader(int subtaskId) {
        if (subtaskId == STREAM_READER && state.unassignedStream != null) {
            context.assignSplit(state.unassignedStream, subtaskId);
            state.unassignedStream = null;
        }
        if (noMoreSplitsSignalled) {
            context.signalNoMoreSplits(subtaskId);
        }
        if (subtaskId == STREAM_READER) {
            sendCopyDurable(durableCopies.all());
        }
        lastProgress = null; // a new reader: tell everyone again
        reportProgress(config.indexCopyMode() == IndexCopyMode.AFTER_COPY);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof SourceEvents.SnapshotSplitFinished finished) {
            NamespaceProgress progress = state.namespaces.get(finished.namespace());
            if (progress != null && progress.openRanges.remove(finished.splitId())) {
                progress.rangesFinished++;
                if (progress.snapshotComplete()) {
                    namespaceCopied(finished.namespace());
                }
            }
            // Sent after the state changed: a reader that sees this before its snapshot knows
            // that the enumerator's snapshot of that checkpoint counts the range (FinishedRanges).
            // A reader that failed meanwhile reports the range again from its restored state.
            if (context.registeredReaders().containsKey(subtaskId)) {
                context.sendEventToSourceReader(
                        subtaskId, new SourceEvents.SnapshotSplitRecorded(finished.splitId()));
            }
            checkSnapshotComplete();
        } else if (event instanceof SourceEvents.DdlNotice notice) {
            context.sendEventToSourceReader(subtaskId, rule(notice));
        } else {
            throw new IllegalArgumentException("unexpected source event " + event);
        }
    }

    private SourceEvents.DdlVerdict rule(SourceEvents.DdlNotice notice) {
        if (config.copySnapshot() && !state.discovered) {
            return new SourceEvents.DdlVerdict(
                    false, notice.description() + " happened before the initial copy started");
        }
        for (Map.Entry<String, NamespaceProgress> e : state.namespaces.entrySet()) {
            String namespace = e.getKey();
            boolean touched =
                    notice.namespaces().contains(namespace)
                            || notice.databases().contains(Namespace.parse(namespace).database());
            if (touched && !e.getValue().snapshotComplete()) {
                return new SourceEvents.DdlVerdict(
                        false,
                        notice.description()
                                + " while "
                                + namespace
                                + " was still being copied; dsync cannot apply it safely."
                                + " Start the migration again (fresh) once the source's schema"
                                + " is stable");
            }
        }
        return new SourceEvents.DdlVerdict(true, null);
    }

    private void namespaceCopied(String namespace) {
        LOG.info("Initial copy of {} is complete", namespace);
        durableCopies.copied(namespace);
        if (config.indexCopyMode() == IndexCopyMode.AFTER_COPY) {
            awaitingIndexes.put(namespace, -1L);
        } else {
            state.namespaces.get(namespace).indexesCopied = true;
        }
    }

    private void checkSnapshotComplete() {
        boolean needIndexes = config.indexCopyMode() == IndexCopyMode.AFTER_COPY;
        if (state.snapshotComplete(false)) {
            durableCopies.copied(CopyDurable.EVERY_NAMESPACE);
        }
        reportProgress(needIndexes);
        if (config.copySnapshot()
                && !config.followChanges()
                && !noMoreSplitsSignalled
                && state.snapshotComplete(needIndexes)) {
            LOG.info("Initial copy complete; no more work for the readers");
            noMoreSplitsSignalled = true;
            for (int reader : context.registeredReaders().keySet()) {
                context.signalNoMoreSplits(reader);
            }
        }
    }

    private SourceEvents.SnapshotProgress lastProgress;

    /** Tells the readers (for their metrics) how far the copy is, when that changed. */
    private void reportProgress(boolean needIndexes) {
        reportBacklog();
        long total = 0;
        long finished = 0;
        long complete = 0;
        Map<String, SourceEvents.NamespaceRanges> perNamespace = new LinkedHashMap<>();
        for (Map.Entry<String, NamespaceProgress> e : state.namespaces.entrySet()) {
            NamespaceProgress progress = e.getValue();
            long namespaceTotal = progress.rangesFinished + progress.openRanges.size();
            perNamespace.put(
                    e.getKey(),
                    new SourceEvents.NamespaceRanges(progress.rangesFinished, namespaceTotal));
            total += namespaceTotal;
            finished += progress.rangesFinished;
            if (progress.snapshotComplete()) {
                complete++;
            }
        }
        SourceEvents.SnapshotProgress progress =
                new SourceEvents.SnapshotProgress(
                        total,
                        finished,
                        state.namespaces.size(),
                        complete,
                        !config.copySnapshot() || state.snapshotComplete(needIndexes),
                        perNamespace);
        if (!progress.equals(lastProgress)) {
            lastProgress = progress;
            for (int reader : context.registeredReaders().keySet()) {
                context.sendEventToSourceReader(reader, progress);
            }
        }
    }

    /**
     * Tells Flink the source is processing a backlog while the initial copy has ranges to read
     * (FLIP-309): checkpoints then come at {@code interval-during-backlog}, and as soon as the last
     * range is read, at the shorter regular interval, which makes the copy's end durable soon.
     */
    private void reportBacklog() {
        boolean backlog = config.copySnapshot() && !state.snapshotComplete(false);
        if (backlogReported == null || backlogReported != backlog) {
            backlogReported = backlog;
            try {
                context.setIsProcessingBacklog(backlog);
            } catch (UnsupportedOperationException e) {
                LOG.debug("This enumerator context does not take a backlog status", e);
            }
        }
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        durableCopies.checkpointTaken(checkpointId);
        awaitingIndexes.replaceAll((namespace, cp) -> cp < 0 ? checkpointId : cp);
        return state;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        sendCopyDurable(durableCopies.checkpointCompleted(checkpointId));
        Iterator<Map.Entry<String, Long>> it = awaitingIndexes.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() >= 0 && e.getValue() <= checkpointId) {
                String namespace = e.getKey();
                it.remove();
                context.callAsync(
                        () -> {
                            work.copyIndexes(Namespace.parse(namespace));
                            return namespace;
                        },
                        this::onIndexesCopied);
            }
        }
    }

    private void onIndexesCopied(String namespace, Throwable error) {
        if (error != null) {
            throw new IllegalStateException(
                    "creating the indexes of " + namespace + " failed", error);
        }
        LOG.info("Indexes of {} created on the destination", namespace);
        state.namespaces.get(namespace).indexesCopied = true;
        checkSnapshotComplete();
    }

    /**
     * A restored namespace whose copy was complete is durable: its records all came before the
     * restored checkpoint's barrier, and a restore re-reads none of them. Without a copy, every
     * namespace is.
     */
    private void restoreDurableCopies() {
        if (!config.copySnapshot() || state.snapshotComplete(false)) {
            durableCopies.durableNow(CopyDurable.EVERY_NAMESPACE);
        }
        for (Map.Entry<String, NamespaceProgress> e : state.namespaces.entrySet()) {
            if (e.getValue().snapshotComplete()) {
                durableCopies.durableNow(e.getKey());
            }
        }
        sendCopyDurable(durableCopies.all()); // if reader 0 registered first; else addReader does
    }

    /**
     * A range handed back by a failed reader (a failover that restores the readers but not this
     * enumerator) is read again, even if it had finished since the restored checkpoint: its
     * namespace is copying again, and not durable until it finishes again.
     */
    private void reopen(SnapshotSplit range) {
        NamespaceProgress progress = state.namespaces.get(range.namespace());
        if (progress != null && progress.openRanges.add(range.splitId())) {
            progress.rangesFinished--;
            durableCopies.reopened(range.namespace());
        }
    }

    /** Tells the stream reader to emit copy-durable markers for these namespaces. */
    private void sendCopyDurable(List<String> namespaces) {
        if (config.followChanges()
                && !namespaces.isEmpty()
                && context.registeredReaders().containsKey(STREAM_READER)) {
            context.sendEventToSourceReader(
                    STREAM_READER, new SourceEvents.CopyDurable(namespaces));
        }
    }

    @Override
    public void close() {
        work.close();
    }
}
