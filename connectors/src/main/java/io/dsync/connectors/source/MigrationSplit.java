package io.dsync.connectors.source;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A unit of work of the migration source: either one {@code _id} range of one collection to copy
 * ({@link SnapshotSplit}) or the deployment's change stream ({@link ChangeStreamSplit}); in a
 * reader's state also a range read to its end that the enumerator has not confirmed yet ({@link
 * FinishedSnapshotSplit}).
 */
public abstract sealed class MigrationSplit implements SourceSplit
        permits SnapshotSplit, ChangeStreamSplit, FinishedSnapshotSplit {}
