package io.dsync.mongoserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM mechanisms MongoDB offers (RFC 5802, RFC 7677), with MongoDB's password preparation:
 * SCRAM-SHA-256 uses the password itself (SASLprep, the identity for ASCII), SCRAM-SHA-1 the hex
 * MD5 of {@code user:mongo:password}. Iteration counts are MongoDB's defaults. See the MongoDB
 * manual, "SCRAM" and the parameters {@code scramIterationCount}/{@code scramSHA256IterationCount}.
 */
enum ScramMechanism {
    SCRAM_SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 10_000, 160),
    SCRAM_SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 15_000, 256);

    private final String mechanismName;
    private final String digest;
    private final String hmac;
    private final String pbkdf2;
    private final int iterations;
    private final int keyBits;

    ScramMechanism(
            String mechanismName,
            String digest,
            String hmac,
            String pbkdf2,
            int iterations,
            int keyBits) {
        this.mechanismName = mechanismName;
        this.digest = digest;
        this.hmac = hmac;
        this.pbkdf2 = pbkdf2;
        this.iterations = iterations;
        this.keyBits = keyBits;
    }

    String mechanismName() {
        return mechanismName;
    }

    int iterations() {
        return iterations;
    }

    /** The mechanism named {@code name}, or null. */
    static ScramMechanism named(Object name) {
        for (ScramMechanism mechanism : values()) {
            if (mechanism.mechanismName.equals(name)) {
                return mechanism;
            }
        }
        return null;
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i). */
    byte[] saltedPassword(String user, String password, byte[] salt) {
        String prepared = this == SCRAM_SHA_1 ? mongoPasswordDigest(user, password) : password;
        try {
            PBEKeySpec spec = new PBEKeySpec(prepared.toCharArray(), salt, iterations, keyBits);
            return SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pbkdf2 + " is not available in this JDK", e);
        }
    }

    private static String mongoPasswordDigest(String user, String password) {
        try {
            byte[] md5 =
                    MessageDigest.getInstance("MD5")
                            .digest((user + ":mongo:" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5).toLowerCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available in this JDK", e);
        }
    }

    byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is not available in this JDK", e);
        }
    }

    byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " is not available in this JDK", e);
        }
    }
}
