package io.dsync.connectors.source.changestream;

import io.dsync.connectors.record.RawBsonElements;
import io.dsync.connectors.source.snapshot.IdKey;
import io.dsync.connectors.source.snapshot.RawBsonField;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonType;
import org.bson.RawBsonDocument;

/**
 * Puts the fragments of a change event split by {@code $changeStreamSplitLargeEvent} back together
 * (https://www.mongodb.com/docs/manual/reference/operator/aggregation/changeStreamSplitLargeEvent/).
 * Each fragment holds some of the event's top-level fields, its own resume token ({@code _id}) and
 * {@code splitEvent: {fragment, of}}; they arrive in order, one after the other.
 *
 * <p>The reassembled event holds every field of the fragments, without {@code splitEvent}, and the
 * LAST fragment's token as its {@code _id}: resuming after it goes on with the next event. It may
 * be larger than 16 MB; it is only decoded, never sent back to a server.
 */
final class SplitEventAssembler {

    private static final byte[] ID = "_id".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPLIT_EVENT = "splitEvent".getBytes(StandardCharsets.UTF_8);

    private final List<byte[]> fragments = new ArrayList<>();
    private int expected;

    /** Whether the event is a fragment (has {@code splitEvent}). */
    static boolean isFragment(RawBsonDocument event) {
        return RawBsonField.find(IdKey.bytesOf(event), "splitEvent") != null;
    }

    /** Whether some fragments of an event were added and others are still to come. */
    boolean inProgress() {
        return !fragments.isEmpty();
    }

    /** Forgets the fragments added (the stream is read again from before their event). */
    void reset() {
        fragments.clear();
        expected = 0;
    }

    /**
     * Adds the next fragment.
     *
     * @return the whole event once its last fragment was added, else null
     * @throws IllegalStateException when the fragment is not the one expected next (a stream that
     *     started in the middle of a split event, which this reader never resumes into)
     */
    RawBsonDocument add(RawBsonDocument fragment) {
        byte[] bytes = IdKey.bytesOf(fragment);
        RawBsonField split = RawBsonField.find(bytes, "splitEvent");
        int number = intIn(split, "fragment");
        int of = intIn(split, "of");
        if (number != fragments.size() + 1 || (expected != 0 && of != expected) || of < number) {
            throw new IllegalStateException(
                    "change event fragment "
                            + number
                            + " of "
                            + of
                            + " arrived after "
                            + fragments.size()
                            + " fragments of "
                            + (expected == 0 ? "no split event" : "an event of " + expected));
        }
        expected = of;
        fragments.add(bytes);
        if (number < of) {
            return null;
        }
        RawBsonDocument whole = join(fragments);
        reset();
        return whole;
    }

    private static RawBsonDocument join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] last = parts.get(parts.size() - 1);
        writeElements(out, last, true);
        for (byte[] part : parts) {
            writeElements(out, part, false);
        }
        int length = 4 + out.size() + 1;
        byte[] document = new byte[length];
        document[0] = (byte) length;
        document[1] = (byte) (length >>> 8);
        document[2] = (byte) (length >>> 16);
        document[3] = (byte) (length >>> 24);
        System.arraycopy(out.toByteArray(), 0, document, 4, out.size());
        return new RawBsonDocument(document);
    }

    /** Writes the {@code _id} element (when {@code id}) or every other element but splitEvent. */
    private static void writeElements(ByteArrayOutputStream out, byte[] part, boolean id) {
        for (RawBsonElements.Element e : RawBsonElements.of(part, 0)) {
            boolean isId = e.hasName(part, ID);
            if (isId != id || e.hasName(part, SPLIT_EVENT)) {
                continue;
            }
            int start = e.elementStart();
            out.write(part, start, e.valueStart() + e.valueLength() - start);
        }
    }

    private static int intIn(RawBsonField split, String name) {
        RawBsonField value =
                split != null && split.type() == BsonType.DOCUMENT.getValue()
                        ? split.field(name)
                        : null;
        if (value == null) {
            throw new IllegalStateException("change event fragment without splitEvent." + name);
        }
        byte[] v = value.valueBytes();
        if (value.type() == BsonType.INT32.getValue()) {
            return (v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | (v[3] & 0xFF) << 24;
        }
        if (value.type() == BsonType.INT64.getValue()) {
            long l = 0;
            for (int i = 7; i >= 0; i--) {
                l = (l << 8) | (v[i] & 0xFFL);
            }
            return Math.toIntExact(l);
        }
        throw new IllegalStateException("splitEvent." + name + " is not an integer");
    }
}
