package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.record.ChangeRecordTypeInfo;
import io.dsync.connectors.record.CopyDurable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Takes the {@link CopyDurable} markers out of the source's records: documents stay on the main
 * output (for the keyed race guard and the sink), markers go to the side output {@link #MARKERS},
 * which the job broadcasts to every {@link SnapshotRaceGuard} subtask. So no marker ever reaches
 * the sink.
 */
public final class CopyDurableSplitter extends ProcessFunction<ChangeRecord, ChangeRecord> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ChangeRecord> MARKERS =
            new OutputTag<>("copy-durable", ChangeRecordTypeInfo.INSTANCE);

    @Override
    public void processElement(ChangeRecord record, Context context, Collector<ChangeRecord> out) {
        if (CopyDurable.isMarker(record)) {
            context.output(MARKERS, record);
        } else {
            out.collect(record);
        }
    }
}
