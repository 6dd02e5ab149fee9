package io.dsync.connectors.record;

import java.util.ArrayList;
import java.util.List;

/**
 * The elements of a raw BSON document, located by walking the element headers without decoding any
 * value. Layout as in the BSON specification (https://bsonspec.org/spec.html): an int32 total
 * length, elements (a type byte, a NUL-terminated name, the value), a NUL.
 */
public final class RawBsonElements {

    /** One element: its type and where its name and value lie in the source bytes. */
    public record Element(byte type, int nameStart, int nameEnd, int valueStart, int valueLength) {

        /** Where the element (type byte, name, value) starts in the source bytes. */
        public int elementStart() {
            return nameStart - 1;
        }

        /** Whether the element's name equals {@code name} (UTF-8 bytes). */
        public boolean hasName(byte[] source, byte[] name) {
            return nameEnd - nameStart == name.length
                    && java.util.Arrays.equals(source, nameStart, nameEnd, name, 0, name.length);
        }
    }

    private RawBsonElements() {}

    /** The elements of the document starting at {@code offset}, in document order. */
    public static List<Element> of(byte[] b, int offset) {
        List<Element> elements = new ArrayList<>();
        scan(b, offset, null, elements);
        return elements;
    }

    /**
     * The top-level element named {@code name} of the document starting at {@code offset}, or
     * {@code null}; stops at the first match without collecting the others.
     */
    public static Element find(byte[] b, int offset, byte[] name) {
        return scan(b, offset, name, null);
    }

    private static Element scan(byte[] b, int offset, byte[] wanted, List<Element> all) {
        int length = readInt32(b, offset);
        int end = offset + length;
        if (length < 5 || end > b.length || b[end - 1] != 0) {
            throw malformed("document length " + length + " does not fit the bytes");
        }
        int pos = offset + 4;
        while (pos < end - 1) {
            byte type = b[pos++];
            int nameStart = pos;
            int nameEnd = cstringEnd(b, pos, end);
            pos = nameEnd + 1;
            int valueLength = valueLength(b, type, pos, end);
            if (pos + valueLength > end - 1) {
                throw malformed("value at offset " + pos + " overruns its document");
            }
            Element element = new Element(type, nameStart, nameEnd, pos, valueLength);
            if (wanted != null && element.hasName(b, wanted)) {
                return element;
            }
            if (all != null) {
                all.add(element);
            }
            pos += valueLength;
        }
        return null;
    }

    public static int readInt32(byte[] b, int pos) {
        if (pos < 0 || pos + 4 > b.length) {
            throw malformed("truncated at offset " + pos);
        }
        return (b[pos] & 0xFF)
                | (b[pos + 1] & 0xFF) << 8
                | (b[pos + 2] & 0xFF) << 16
                | (b[pos + 3] & 0xFF) << 24;
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
                return 4 + atLeast(readInt32(b, pos), 1);
            case 0x03: // embedded document
            case 0x04: // array
            case 0x0F: // code with scope
                return atLeast(readInt32(b, pos), 5);
            case 0x05: // binary: length, subtype, bytes
                return 4 + 1 + atLeast(readInt32(b, pos), 0);
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
                return 4 + atLeast(readInt32(b, pos), 1) + 12;
            case 0x10: // int32
                return 4;
            case 0x13: // decimal128
                return 16;
            default:
                throw malformed("unknown BSON type 0x" + Integer.toHexString(type & 0xFF));
        }
    }

    private static int atLeast(int length, int minimum) {
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

    private static IllegalArgumentException malformed(String what) {
        return new IllegalArgumentException("malformed BSON: " + what);
    }
}
