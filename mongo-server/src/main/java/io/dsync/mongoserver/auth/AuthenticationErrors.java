package io.dsync.mongoserver.auth;

import de.bwaldvogel.mongo.exception.MongoServerError;

/** MongoDB's authentication and authorization errors. */
final class AuthenticationErrors {

    private AuthenticationErrors() {}

    /** Every failed authentication, whatever the cause (unknown user, wrong password...). */
    static MongoServerError failed() {
        return new MongoServerError(18, "AuthenticationFailed", "Authentication failed.");
    }

    static MongoServerError unauthorized(String command) {
        return new MongoServerError(
                13, "Unauthorized", "Command " + command + " requires authentication");
    }

    static MongoServerError noConversation() {
        return new MongoServerError(17, "ProtocolError", "No SASL session state found");
    }

    static MongoServerError mechanismUnavailable(Object mechanism) {
        return new MongoServerError(
                334,
                "MechanismUnavailable",
                "Received authentication for mechanism " + mechanism + " which is not enabled");
    }
}
