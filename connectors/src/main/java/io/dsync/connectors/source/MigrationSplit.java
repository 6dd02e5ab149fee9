package io.dsync.connectors.source;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A unit of work of the migration source: either one {@code _id} range of one collection to copy
 * ({@link SnapshotSplit}) or the deployment's change stream ({@link ChangeStreamSplit}).
 */
public abstract sealed class MigrationSplit implements SourceSplit
        permits SnapshotSplit, ChangeStreamSplit {}
