package io.dsync.verify.bson;

import io.dsync.connectors.record.RawBsonElements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The field-order-independent form of a BSON document, for {@code --compare=ignore-field-order}:
 * the keys of the document and of every embedded document (at any depth, also inside arrays) are
 * sorted by their UTF-8 bytes (unsigned, stable for repeated keys); arrays keep their order and
 * every value keeps its BSON type and bytes. Two documents that differ only in field order have the
 * same canonical bytes. The scope document of a code-with-scope value is left as it is.
 */
public final class CanonicalBson {

    private CanonicalBson() {}

    /** The canonical encoding of a whole raw BSON document. */
    public static byte[] of(byte[] document) {
        ByteSink out = new ByteSink(document.length);
        write(document, 0, true, out);
        return out.toByteArray();
    }

    private static void write(byte[] b, int offset, boolean sortKeys, ByteSink out) {
        List<RawBsonElements.Element> elements = RawBsonElements.of(b, offset);
        if (sortKeys && elements.size() > 1) {
            elements = new ArrayList<>(elements);
            elements.sort(
                    (x, y) ->
                            Arrays.compareUnsigned(
                                    b, x.nameStart(), x.nameEnd(), b, y.nameStart(), y.nameEnd()));
        }
        int lengthAt = out.reserveInt32();
        for (RawBsonElements.Element e : elements) {
            out.write(e.type());
            out.write(b, e.nameStart(), e.nameEnd() - e.nameStart() + 1); // name and its NUL
            if (e.type() == 0x03) {
                write(b, e.valueStart(), true, out);
            } else if (e.type() == 0x04) {
                write(b, e.valueStart(), false, out); // array: order kept, elements canonical
            } else {
                out.write(b, e.valueStart(), e.valueLength());
            }
        }
        out.write((byte) 0);
        out.patchInt32(lengthAt, out.size() - lengthAt);
    }

    /** A growable byte array. */
    private static final class ByteSink {
        private byte[] bytes;
        private int size;

        ByteSink(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void write(byte value) {
            ensure(1);
            bytes[size++] = value;
        }

        void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        int reserveInt32() {
            ensure(4);
            int at = size;
            size += 4;
            return at;
        }

        void patchInt32(int at, int value) {
            bytes[at] = (byte) value;
            bytes[at + 1] = (byte) (value >>> 8);
            bytes[at + 2] = (byte) (value >>> 16);
            bytes[at + 3] = (byte) (value >>> 24);
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
