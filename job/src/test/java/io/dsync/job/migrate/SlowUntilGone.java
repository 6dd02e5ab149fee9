package io.dsync.job.migrate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.bson.Document;

/**
 * A probe chained to the source that holds the reader back on the change events of one namespace
 * for as long as that namespace still exists at the destination: each such event takes {@code
 * pauseMillis}. The reader's task handles its mail (enumerator answers, checkpoints) between two
 * records, so checkpoints are taken and complete while the namespace's later events still wait in
 * the reader's queue, as behind a slow destination. Events that pass once the namespace was seen
 * gone there (even if they re-create it) are counted in {@link #PASSED_AFTER_GONE}: a DDL that
 * removed it overtook them. State is static: the job runs in this JVM.
 */
final class SlowUntilGone extends RichMapFunction<ChangeRecord, ChangeRecord> {

    private static final long serialVersionUID = 1L;

    static final AtomicLong PASSED_AFTER_GONE = new AtomicLong();
    private static volatile boolean seenGone;

    private final String destinationUri;
    private final String namespace;
    private final long pauseMillis;
    private transient MongoClient destination;

    SlowUntilGone(String destinationUri, String namespace, long pauseMillis) {
        this.destinationUri = destinationUri;
        this.namespace = namespace;
        this.pauseMillis = pauseMillis;
        PASSED_AFTER_GONE.set(0);
        seenGone = false;
    }

    @Override
    public void open(OpenContext context) {
        destination = MongoClients.create(destinationUri);
    }

    @Override
    public ChangeRecord map(ChangeRecord record) throws Exception {
        if (record.kind() != ChangeRecord.Kind.SNAPSHOT && record.namespace().equals(namespace)) {
            if (!seenGone && existsAtDestination()) {
                Thread.sleep(pauseMillis);
            } else {
                seenGone = true;
                PASSED_AFTER_GONE.incrementAndGet();
            }
        }
        return record;
    }

    private boolean existsAtDestination() {
        Namespace ns = Namespace.parse(namespace);
        return !destination
                .getDatabase(ns.database())
                .listCollectionNames()
                .filter(new Document("name", ns.collection()))
                .into(new ArrayList<>())
                .isEmpty();
    }

    @Override
    public void close() {
        if (destination != null) {
            destination.close();
        }
    }
}
