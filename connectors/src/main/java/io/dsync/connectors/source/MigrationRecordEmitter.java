package io.dsync.connectors.source;

import io.dsync.connectors.record.ChangeRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits records and moves each split's checkpointed position with them: a snapshot split to the key
 * of the record just emitted, the change stream to the token after the element. A DDL element emits
 * nothing and does not move the position: the {@link DdlGate} takes over.
 */
final class MigrationRecordEmitter
        implements RecordEmitter<FetchedElement, ChangeRecord, MigrationSplitState> {

    private final SourceMetrics metrics;
    private final DdlGate gate;

    MigrationRecordEmitter(SourceMetrics metrics, DdlGate gate) {
        this.metrics = metrics;
        this.gate = gate;
    }

    @Override
    public void emitRecord(
            FetchedElement element, SourceOutput<ChangeRecord> output, MigrationSplitState state) {
        if (element.ddl() != null) {
            metrics.ddlEvent();
            gate.reached();
            return;
        }
        ChangeRecord record = element.record();
        if (record != null) {
            output.collect(record);
        }
        if (state.isChangeStream()) {
            if (record != null) {
                metrics.changeEvent(record);
            }
            if (element.position() != null) {
                state.advancedTo(element.position());
            }
            if (element.clusterTime() != 0) {
                metrics.streamAt(element.clusterTime());
            }
        } else if (record != null && record.kind() == ChangeRecord.Kind.SNAPSHOT) {
            metrics.snapshotRecord(record);
            state.delivered(record.key());
        }
    }
}
