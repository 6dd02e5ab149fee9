package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.bson.BsonDocumentEncoder;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The size limit of change events and the {@code $changeStreamSplitLargeEvent} stage that splits
 * larger ones into fragments, as MongoDB 7.0 (and 6.0.9) documents them
 * (https://www.mongodb.com/docs/manual/reference/operator/aggregation/changeStreamSplitLargeEvent/).
 *
 * <p>Without the stage, an event whose BSON exceeds {@link #MAX_EVENT_BYTES} (MongoDB's internal
 * object limit, 16 MiB + 16 KiB, which its error message names) fails the {@code getMore} with
 * BSONObjectTooLarge (10334). With the stage, an event over {@link #MAX_FRAGMENT_BYTES} (16 MiB) is
 * split by its top-level fields only, smallest first so that the first fragment holds as many
 * fields as possible; each fragment carries its own resume token ({@code _id}) and {@code
 * splitEvent: {fragment, of}}. A single field too large for a fragment fails as without the stage.
 */
final class LargeEventSplitter {

    /** BSONObjMaxInternalSize: the largest event a change stream returns (without splitting). */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024 + 16 * 1024;

    /** BSONObjMaxUserSize: events above it are split into fragments of at most this size. */
    static final int MAX_FRAGMENT_BYTES = 16 * 1024 * 1024;

    private static final int EMPTY_DOCUMENT_BYTES = 5;

    private LargeEventSplitter() {}

    /**
     * The event as it is returned: itself when small enough, else (when {@code split}) its
     * fragments, in order.
     *
     * @param size the event's encoded size
     * @throws de.bwaldvogel.mongo.exception.MongoServerError BSONObjectTooLarge when the event
     *     cannot be returned
     */
    static List<Document> fit(
            Document event, int size, long clusterTime, boolean split, ByteBuf sizing) {
        if (split && size > MAX_FRAGMENT_BYTES) {
            return fragments(event, clusterTime, sizing);
        }
        if (size > MAX_EVENT_BYTES) {
            throw ChangeStreamErrors.objectTooLarge(size, MAX_EVENT_BYTES, event.get("_id"));
        }
        return List.of(event);
    }

    private static List<Document> fragments(Document event, long clusterTime, ByteBuf sizing) {
        List<Map.Entry<String, Object>> fields = new ArrayList<>();
        for (Map.Entry<String, Object> field : event.entrySet()) {
            if (!field.getKey().equals("_id")) {
                fields.add(field);
            }
        }
        List<Integer> sizes = new ArrayList<>();
        for (Map.Entry<String, Object> field : fields) {
            sizes.add(
                    encodedSize(new Document(field.getKey(), field.getValue()), sizing)
                            - EMPTY_DOCUMENT_BYTES);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(sizes::get)); // stable: equal sizes keep event order
        // The largest fragment header: a fragment token and splitEvent with the widest numbers.
        int header =
                encodedSize(
                        new Document("_id", ResumeToken.fragment(clusterTime, 1).toDocument())
                                .append("splitEvent", new Document("fragment", 1).append("of", 1)),
                        sizing);
        List<List<Integer>> packed = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long currentBytes = header;
        for (int index : order) {
            int fieldBytes = sizes.get(index);
            if (header + (long) fieldBytes > MAX_FRAGMENT_BYTES) {
                throw ChangeStreamErrors.objectTooLarge(
                        header + fieldBytes, MAX_FRAGMENT_BYTES, event.get("_id"));
            }
            if (currentBytes + fieldBytes > MAX_FRAGMENT_BYTES) {
                packed.add(current);
                current = new ArrayList<>();
                currentBytes = header;
            }
            current.add(index);
            currentBytes += fieldBytes;
        }
        packed.add(current);
        List<Document> fragments = new ArrayList<>();
        for (int f = 0; f < packed.size(); f++) {
            Document fragment =
                    new Document("_id", ResumeToken.fragment(clusterTime, f + 1).toDocument())
                            .append(
                                    "splitEvent",
                                    new Document("fragment", f + 1).append("of", packed.size()));
            for (int index : packed.get(f)) {
                fragment.append(fields.get(index).getKey(), fields.get(index).getValue());
            }
            fragments.add(fragment);
        }
        return fragments;
    }

    static int encodedSize(Document document, ByteBuf sizing) {
        sizing.clear();
        BsonDocumentEncoder.encode(document, sizing);
        return sizing.writerIndex();
    }
}
