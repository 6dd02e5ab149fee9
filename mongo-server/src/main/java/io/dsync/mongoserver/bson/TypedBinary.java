package io.dsync.mongoserver.bson;

import java.util.Arrays;

/**
 * A BSON binary value of a subtype mongo-java-server has no class for: every subtype except generic
 * (0x00, {@link de.bwaldvogel.mongo.bson.BinData}) and 16-byte UUIDs (0x03 {@link
 * de.bwaldvogel.mongo.bson.LegacyUUID}, 0x04 {@link java.util.UUID}), including user-defined
 * subtypes 0x80-0xFF, kept with its subtype and bytes as written. See the BSON specification,
 * "binary".
 */
public final class TypedBinary {

    private final int subtype;
    private final byte[] data;

    /** {@code subtype} as an unsigned byte (0-255). */
    public TypedBinary(int subtype, byte[] data) {
        if (subtype < 0 || subtype > 0xFF) {
            throw new IllegalArgumentException("binary subtype must be 0-255, was " + subtype);
        }
        this.subtype = subtype;
        this.data = data.clone();
    }

    public int subtype() {
        return subtype;
    }

    /** A copy of the bytes. */
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TypedBinary that
                && subtype == that.subtype
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * subtype + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "BinData("
                + subtype
                + ", "
                + java.util.Base64.getEncoder().encodeToString(data)
                + ")";
    }
}
