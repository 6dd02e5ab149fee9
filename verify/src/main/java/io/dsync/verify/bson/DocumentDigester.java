package io.dsync.verify.bson;

import io.dsync.verify.CompareMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 128-bit digest of a document: the first 16 bytes of SHA-256 over the raw BSON bytes ({@link
 * CompareMode#RAW_BYTES}) or over its {@link CanonicalBson canonical form} ({@link
 * CompareMode#IGNORE_FIELD_ORDER}). Not thread-safe: one instance per thread.
 */
public final class DocumentDigester {

    private final CompareMode mode;
    private final MessageDigest sha256;

    public DocumentDigester(CompareMode mode) {
        this.mode = mode;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The digest of a raw BSON document. */
    public Digest128 digest(byte[] document) {
        byte[] input =
                mode == CompareMode.IGNORE_FIELD_ORDER ? CanonicalBson.of(document) : document;
        byte[] hash = sha256.digest(input);
        return new Digest128(readLong(hash, 0), readLong(hash, 8));
    }

    private static long readLong(byte[] b, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (b[offset + i] & 0xFF);
        }
        return value;
    }
}
