package io.dsync.mongoserver.auth;

/**
 * One connection's authentication: not yet, a SCRAM conversation under way, or authenticated.
 * Commands of one connection run one at a time, so no locking is needed beyond visibility.
 */
final class ConnectionAuthentication {

    private static final int CONVERSATION_ID = 1;

    private volatile ScramConversation conversation;
    private volatile boolean skipEmptyExchange;
    private volatile boolean proved;
    private volatile boolean authenticated;

    boolean authenticated() {
        return authenticated;
    }

    int conversationId() {
        return CONVERSATION_ID;
    }

    ScramConversation conversation() {
        return conversation;
    }

    boolean skipEmptyExchange() {
        return skipEmptyExchange;
    }

    boolean proved() {
        return proved;
    }

    void begin(ScramConversation conversation, boolean skipEmptyExchange) {
        this.conversation = conversation;
        this.skipEmptyExchange = skipEmptyExchange;
        this.proved = false;
    }

    void prove() {
        proved = true;
    }

    void authenticate() {
        authenticated = true;
        conversation = null;
        proved = false;
    }

    /** A new or failed attempt: the conversation ends (an earlier success stays). */
    void reset() {
        conversation = null;
        proved = false;
    }
}
