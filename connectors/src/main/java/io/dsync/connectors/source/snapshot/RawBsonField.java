package io.dsync.connectors.source.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        int docLength = readInt32(bson, offset);
        int end = offset + docLength;
        if (docLength < 5 || end > bson.length || bson[end - 1] != 0) {
            throw malformed("document length " + docLength + " does not fit the bytes");
        }
        int pos = offset + 4;
        while (pos < end - 1) {
            int elementStart = pos;
            byte type = bson[pos++];
            int nameStart = pos;
            int nameEnd = cstringEnd(bson, pos, end);
            pos = nameEnd + 1;
            int length = valueLength(bson, type, pos, end);
            if (pos + length > end - 1) {
                throw malformed("value of field at offset " + elementStart + " overruns document");
            }
            if (nameEnd - nameStart == wanted.length
                    && Arrays.equals(bson, nameStart, nameEnd, wanted, 0, wanted.length)) {
                return new RawBsonField(bson, elementStart, pos, length, type);
            }
            pos += length;
        }
        return null;
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

    private static int valueLength(byte[] b, byte type, int pos, int end) {
        switch (type) {
            case 0x01: // double
            case 0x09: // UTC datetime
            case 0x11: // timestamp
            case 0x12: // int64
                return 8;
            case 0x02: // string
            case 0x0D: // JavaScript code
            case 0x0E: // symbol
                return 4 + checkedLength(readInt32(b, pos), 1);
            case 0x03: // embedded document
            case 0x04: // array
            case 0x0F: // code with scope
                return checkedLength(readInt32(b, pos), 5);
            case 0x05: // binary: length, subtype, bytes
                return 4 + 1 + checkedLength(readInt32(b, pos), 0);
            case 0x06: // undefined
            case 0x0A: // null
            case (byte) 0xFF: // MinKey
            case 0x7F: // MaxKey
                return 0;
            case 0x07: // ObjectId
                return 12;
            case 0x08: // boolean
                return 1;
            case 0x0B: // regular expression: pattern and options cstrings
                int patternEnd = cstringEnd(b, pos, end);
                return cstringEnd(b, patternEnd + 1, end) + 1 - pos;
            case 0x0C: // DBPointer: string and ObjectId
                return 4 + checkedLength(readInt32(b, pos), 1) + 12;
            case 0x10: // int32
                return 4;
            case 0x13: // decimal128
                return 16;
            default:
                throw malformed("unknown BSON type 0x" + Integer.toHexString(type & 0xFF));
        }
    }

    private static int checkedLength(int length, int minimum) {
        if (length < minimum) {
            throw malformed("negative or too small length " + length);
        }
        return length;
    }

    private static int cstringEnd(byte[] b, int pos, int end) {
        for (int i = pos; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        throw malformed("unterminated field name or string");
    }

    private static int readInt32(byte[] b, int pos) {
        if (pos < 0 || pos + 4 > b.length) {
            throw malformed("truncated at offset " + pos);
        }
        return (b[pos] & 0xFF)
                | (b[pos + 1] & 0xFF) << 8
                | (b[pos + 2] & 0xFF) << 16
                | (b[pos + 3] & 0xFF) << 24;
    }

    private static IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed BSON: " + what);
    }
}
