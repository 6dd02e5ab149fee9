package io.dsync.connectors.source.snapshot;

import io.dsync.connectors.record.RawBsonElements;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bson.BsonType;

/**
 * One top-level field located inside the raw bytes of a BSON document, found by walking the element
 * headers without decoding any value, so that a value (for example {@code _id} or a change event's
 * {@code fullDocument}) can be copied out byte for byte.
 *
 * <p>Element layout as in the BSON specification (https://bsonspec.org/spec.html): a type byte, the
 * field name as a NUL-terminated string, then the value, whose length follows from the type.
 */
public final class RawBsonField {

    private final byte[] source;
    private final int elementOffset;
    private final int valueOffset;
    private final int valueLength;
    private final byte type;

    private RawBsonField(
            byte[] source, int elementOffset, int valueOffset, int valueLength, byte type) {
        this.source = source;
        this.elementOffset = elementOffset;
        this.valueOffset = valueOffset;
        this.valueLength = valueLength;
        this.type = type;
    }

    /**
     * Finds the top-level field {@code name} of the document that starts at {@code offset}.
     *
     * @return the field, or {@code null} when the document has no such field
     * @throws IllegalArgumentException when the bytes are not a well-formed BSON document
     */
    public static RawBsonField find(byte[] bson, int offset, String name) {
        RawBsonElements.Element element =
                RawBsonElements.find(bson, offset, name.getBytes(StandardCharsets.UTF_8));
        if (element == null) {
            return null;
        }
        return new RawBsonField(
                bson,
                element.elementStart(),
                element.valueStart(),
                element.valueLength(),
                element.type());
    }

    /** Finds a top-level field of the document that fills {@code bson}. */
    public static RawBsonField find(byte[] bson, String name) {
        return find(bson, 0, name);
    }

    /** The BSON type byte of the value. */
    public byte type() {
        return type;
    }

    /** A copy of the value's bytes (for an embedded document: the whole embedded document). */
    public byte[] valueBytes() {
        return Arrays.copyOfRange(source, valueOffset, valueOffset + valueLength);
    }

    /**
     * The field {@code name} of this field's embedded document, found the same way.
     *
     * @return the field, or {@code null} when the embedded document has no such field
     * @throws IllegalStateException when this field's value is not a document
     */
    public RawBsonField field(String name) {
        requireType(BsonType.DOCUMENT);
        return find(source, valueOffset, name);
    }

    /**
     * The value of a string field, decoded from its UTF-8 bytes.
     *
     * @throws IllegalStateException when the value is not a string
     */
    public String stringValue() {
        requireType(BsonType.STRING);
        // int32 byte count (with the closing NUL), the bytes, NUL
        return new String(source, valueOffset + 4, valueLength - 5, StandardCharsets.UTF_8);
    }

    /**
     * The value of a timestamp field as {@link org.bson.BsonTimestamp#getValue()} gives it: seconds
     * in the high 32 bits, the increment in the low 32 (the little-endian int64 it is stored as).
     *
     * @throws IllegalStateException when the value is not a timestamp
     */
    public long timestampValue() {
        requireType(BsonType.TIMESTAMP);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (source[valueOffset + i] & 0xffL);
        }
        return value;
    }

    private void requireType(BsonType expected) {
        if (type != expected.getValue()) {
            throw new IllegalStateException(
                    "a "
                            + expected
                            + " value was expected, the field holds BSON type "
                            + (type & 0xff));
        }
    }

    /** The length of {@link #asSingleFieldDocument()}'s bytes. */
    public int singleFieldDocumentLength() {
        return 4 + (valueOffset + valueLength - elementOffset) + 1;
    }

    /** The raw bytes of the one-field document {@code {<name>: <value>}}, value unchanged. */
    public byte[] asSingleFieldDocument() {
        int elementLength = valueOffset + valueLength - elementOffset;
        int total = 4 + elementLength + 1;
        byte[] doc = new byte[total];
        doc[0] = (byte) total;
        doc[1] = (byte) (total >>> 8);
        doc[2] = (byte) (total >>> 16);
        doc[3] = (byte) (total >>> 24);
        System.arraycopy(source, elementOffset, doc, 4, elementLength);
        return doc;
    }
}
