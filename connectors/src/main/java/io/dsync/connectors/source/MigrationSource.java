package io.dsync.connectors.source;

import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecordTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The hybrid migration source: a bounded initial copy of every selected collection, split into
 * {@code _id} ranges read in parallel, and the unbounded change stream of the deployment, followed
 * from a point taken before the copy began and read while the copy runs. Either part can be
 * switched off (initial-sync mode: no stream, the source ends; cdc mode: no copy).
 */
public final class MigrationSource
        implements Source<ChangeRecord, MigrationSplit, EnumeratorState>,
                ResultTypeQueryable<ChangeRecord> {

    private static final long serialVersionUID = 1L;

    private final MigrationSourceConfig config;

    public MigrationSource(MigrationSourceConfig config) {
        this.config = config;
    }

    public MigrationSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.followChanges() ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ChangeRecord, MigrationSplit> createReader(SourceReaderContext context) {
        return new MigrationSourceReader(
                context, config, ForcedConsistency.client(config.sourceUri()), new DdlGate());
    }

    @Override
    public SplitEnumerator<MigrationSplit, EnumeratorState> createEnumerator(
            SplitEnumeratorContext<MigrationSplit> context) {
        if (config.followChanges() && config.startPosition() == null) {
            throw MigrationStoppedException.fatal(
                    new MigrationStoppedException(
                            "this run was meant to continue from a checkpoint or savepoint but"
                                    + " the job started without one; dsync will not recompute the"
                                    + " change stream's start point. Check the checkpoint path"));
        }
        ChangeStreamSplit stream =
                config.followChanges() ? new ChangeStreamSplit(config.startPosition()) : null;
        return new MigrationEnumerator(context, config, EnumeratorState.initial(stream));
    }

    @Override
    public SplitEnumerator<MigrationSplit, EnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MigrationSplit> context, EnumeratorState checkpoint) {
        return new MigrationEnumerator(context, config, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MigrationSplit> getSplitSerializer() {
        return MigrationSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
        return new EnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<ChangeRecord> getProducedType() {
        return ChangeRecordTypeInfo.INSTANCE;
    }
}
