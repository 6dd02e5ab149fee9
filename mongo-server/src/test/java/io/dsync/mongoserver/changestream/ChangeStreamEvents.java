package io.dsync.mongoserver.changestream;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Reads events from a driver change-stream cursor in the ITCases. */
final class ChangeStreamEvents {

    private ChangeStreamEvents() {}

    /** Reads until {@code count} events have arrived (failing after 10 seconds without them). */
    static List<ChangeStreamDocument<Document>> take(
            MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor, int count) {
        List<ChangeStreamDocument<Document>> events = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (events.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " events, got " + events);
            }
            ChangeStreamDocument<Document> event = cursor.tryNext();
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    static List<String> types(List<ChangeStreamDocument<Document>> events) {
        return events.stream().map(e -> e.getOperationTypeString()).toList();
    }
}
