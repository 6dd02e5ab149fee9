package io.dsync.mongoserver.auth;

import java.security.SecureRandom;

/**
 * What a server stores for one user and one SCRAM mechanism (RFC 5802 §3): salt, iteration count,
 * StoredKey and ServerKey; the password itself is not kept.
 */
final class ScramCredential {

    private final ScramMechanism mechanism;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramCredential(
            ScramMechanism mechanism, byte[] salt, byte[] storedKey, byte[] serverKey) {
        this.mechanism = mechanism;
        this.salt = salt;
        this.storedKey = storedKey;
        this.serverKey = serverKey;
    }

    static ScramCredential create(ScramMechanism mechanism, String user, String password) {
        byte[] salt = new byte[mechanism == ScramMechanism.SCRAM_SHA_1 ? 16 : 28];
        new SecureRandom().nextBytes(salt);
        byte[] salted = mechanism.saltedPassword(user, password, salt);
        byte[] clientKey = mechanism.hmac(salted, "Client Key");
        return new ScramCredential(
                mechanism, salt, mechanism.hash(clientKey), mechanism.hmac(salted, "Server Key"));
    }

    ScramMechanism mechanism() {
        return mechanism;
    }

    byte[] salt() {
        return salt.clone();
    }

    /** Whether {@code proof} proves knowledge of the password for {@code authMessage}. */
    boolean verifies(String authMessage, byte[] proof) {
        byte[] signature = mechanism.hmac(storedKey, authMessage);
        if (proof.length != signature.length) {
            return false;
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        return java.security.MessageDigest.isEqual(mechanism.hash(clientKey), storedKey);
    }

    /** ServerSignature := HMAC(ServerKey, AuthMessage). */
    byte[] serverSignature(String authMessage) {
        return mechanism.hmac(serverKey, authMessage);
    }
}
