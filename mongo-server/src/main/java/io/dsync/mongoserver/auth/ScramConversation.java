package io.dsync.mongoserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The server side of one SCRAM exchange (RFC 5802 §5): client-first → server-first, client-final →
 * server-final. Any malformed message, unknown user or wrong proof is an {@link
 * AuthenticationErrors#failed()}, as MongoDB answers them all alike.
 */
final class ScramConversation {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScramCredential credential;
    private final String user;
    private final String gs2Header;
    private final String clientFirstBare;
    private final String nonce;
    private final String serverFirst;

    private ScramConversation(
            ScramCredential credential,
            String user,
            String gs2Header,
            String clientFirstBare,
            String nonce) {
        this.credential = credential;
        this.user = user;
        this.gs2Header = gs2Header;
        this.clientFirstBare = clientFirstBare;
        this.nonce = nonce;
        this.serverFirst =
                "r="
                        + nonce
                        + ",s="
                        + Base64.getEncoder().encodeToString(credential.salt())
                        + ",i="
                        + credential.mechanism().iterations();
    }

    /**
     * Reads the client-first message ({@code n,,n=user,r=nonce}) and looks the user up with {@code
     * credentials}, which returns null for an unknown user.
     */
    static ScramConversation start(
            byte[] clientFirst, Function<String, ScramCredential> credentials) {
        String message = new String(clientFirst, StandardCharsets.UTF_8);
        int headerEnd = message.indexOf(',', message.indexOf(',') + 1);
        if (!(message.startsWith("n,") || message.startsWith("y,")) || headerEnd < 0) {
            throw AuthenticationErrors.failed();
        }
        String bare = message.substring(headerEnd + 1);
        Map<String, String> attributes = attributes(bare);
        String user = unescape(attributes.get("n"));
        String clientNonce = attributes.get("r");
        if (user == null || clientNonce == null || clientNonce.isEmpty()) {
            throw AuthenticationErrors.failed();
        }
        ScramCredential credential = credentials.apply(user);
        if (credential == null) {
            throw AuthenticationErrors.failed();
        }
        byte[] serverNonce = new byte[24];
        RANDOM.nextBytes(serverNonce);
        return new ScramConversation(
                credential,
                user,
                message.substring(0, headerEnd + 1),
                bare,
                clientNonce + Base64.getEncoder().encodeToString(serverNonce));
    }

    String user() {
        return user;
    }

    byte[] serverFirst() {
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the client-final message's proof; returns the server-final message. */
    byte[] finish(byte[] clientFinal) {
        String message = new String(clientFinal, StandardCharsets.UTF_8);
        int proofStart = message.lastIndexOf(",p=");
        if (proofStart < 0) {
            throw AuthenticationErrors.failed();
        }
        String withoutProof = message.substring(0, proofStart);
        Map<String, String> attributes = attributes(withoutProof);
        String channelBinding =
                Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!nonce.equals(attributes.get("r")) || !channelBinding.equals(attributes.get("c"))) {
            throw AuthenticationErrors.failed();
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofStart + 3));
        } catch (IllegalArgumentException notBase64) {
            throw AuthenticationErrors.failed();
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        if (!credential.verifies(authMessage, proof)) {
            throw AuthenticationErrors.failed();
        }
        String signature =
                Base64.getEncoder().encodeToString(credential.serverSignature(authMessage));
        return ("v=" + signature).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.putIfAbsent(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }

    /** SCRAM's escaping of user names: {@code =2C} is ',' and {@code =3D} is '='. */
    private static String unescape(String name) {
        return name == null ? null : name.replace("=2C", ",").replace("=3D", "=");
    }
}
