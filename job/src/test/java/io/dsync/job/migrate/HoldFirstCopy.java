package io.dsync.job.migrate;

import io.dsync.connectors.record.ChangeRecord;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A probe chained to the source that holds the first copied document of one namespace until the
 * test lets it go: the namespace is listed and split, its first range read, and the reader (one
 * subtask) asks for no further range while it is held. State is static: the job runs in this JVM.
 */
final class HoldFirstCopy implements MapFunction<ChangeRecord, ChangeRecord> {

    private static final long serialVersionUID = 1L;

    static volatile CountDownLatch held = new CountDownLatch(1);
    static volatile CountDownLatch released = new CountDownLatch(1);

    private final String namespace;

    HoldFirstCopy(String namespace) {
        this.namespace = namespace;
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    @Override
    public ChangeRecord map(ChangeRecord record) throws Exception {
        if (record.kind() == ChangeRecord.Kind.SNAPSHOT
                && record.namespace().equals(namespace)
                && held.getCount() > 0) {
            held.countDown();
            released.await();
        }
        return record;
    }
}
