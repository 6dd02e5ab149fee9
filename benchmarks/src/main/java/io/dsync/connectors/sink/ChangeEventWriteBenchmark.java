package io.dsync.connectors.sink;

import io.dsync.benchmarks.data.BenchDocuments;
import io.dsync.connectors.source.changestream.ChangeEventDecoder;
import io.dsync.connectors.source.changestream.ChangeStreamEvent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A change-stream event on its way to a write, one core: {@link ChangeEventDecoder#decode} (resume
 * token, operation type, namespace, {@code _id} key and the full document's bytes taken out of the
 * raw event) and then {@link BatchWriter#toWriteModel}. The events are shaped as a MongoDB server
 * sends them (https://www.mongodb.com/docs/manual/reference/change-events/) with {@code
 * fullDocument: updateLookup}, in the cdc scenario's mix: 40% updates, 20% replaces, 20% inserts,
 * 20% deletes, over 1 KB documents. Lives in the sink's package because {@code toWriteModel} is
 * package-private. Figures are per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChangeEventWriteBenchmark {

    static final int EVENTS = 1000;

    private static final String[] MIX = {"update", "update", "replace", "insert", "delete"};

    private List<RawBsonDocument> events;

    @Setup
    public void setUp() {
        BenchDocuments documents = new BenchDocuments(10, 1024);
        events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            events.add(event(MIX[i % MIX.length], documents.document(1, i, 1), i));
        }
    }

    /** 1,000 raw events decoded and turned into write models. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int eventToWriteModel() {
        int models = 0;
        for (RawBsonDocument event : events) {
            ChangeStreamEvent decoded = ChangeEventDecoder.decode(event);
            if (BatchWriter.toWriteModel(decoded.record()) != null) {
                models++;
            }
        }
        return models;
    }

    /** One event in the field order of MongoDB's change events. */
    static RawBsonDocument event(String op, RawBsonDocument document, int sequence) {
        BsonDocument event =
                new BsonDocument(
                        "_id",
                        new BsonDocument(
                                "_data",
                                new BsonString(
                                        "8265"
                                                + HexFormat.of().toHexDigits((long) sequence)
                                                + "000000012B022C0100296E5A1004"
                                                + "A1B2C3D4E5F60718293A4B5C6D7E8F9046645F69640064")));
        event.put("operationType", new BsonString(op));
        event.put("clusterTime", new BsonTimestamp(1_700_000_000, sequence));
        event.put("wallTime", new BsonDateTime(1_700_000_000_000L + sequence));
        if (op.equals("insert") || op.equals("replace")) {
            event.put("fullDocument", document);
        }
        event.put(
                "ns",
                new BsonDocument("db", new BsonString("bench"))
                        .append("coll", new BsonString(BenchDocuments.collectionName(1))));
        event.put("documentKey", new BsonDocument("_id", document.get("_id")));
        if (op.equals("update")) {
            event.put(
                    "updateDescription",
                    new BsonDocument("updatedFields", new BsonDocument("version", new BsonInt32(1)))
                            .append("removedFields", new BsonArray())
                            .append("truncatedArrays", new BsonArray()));
            event.put("fullDocument", document);
        }
        return new RawBsonDocument(event, new BsonDocumentCodec());
    }
}
