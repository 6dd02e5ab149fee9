package io.dsync.mongoserver.auth;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Access control with one user defined in the {@code admin} database, as a MongoDB deployment with
 * authentication enabled: SCRAM-SHA-256 and SCRAM-SHA-1 through {@code saslStart}/{@code
 * saslContinue} (and {@code speculativeAuthenticate} in {@code hello}); until its connection has
 * authenticated, every command except the handshake and authentication commands fails with code 13
 * (Unauthorized). See the MongoDB manual, "SCRAM", "hello" ({@code saslSupportedMechs}, {@code
 * speculativeAuthenticate}) and "Authentication".
 */
public final class Authentication {

    /** The database the user is defined in (the default {@code authSource}). */
    public static final String USER_DATABASE = "admin";

    private static final AttributeKey<ConnectionAuthentication> STATE =
            AttributeKey.valueOf("dsync.authentication");
    private static final Set<String> WITHOUT_AUTHENTICATION =
            new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        WITHOUT_AUTHENTICATION.addAll(
                List.of("hello", "isMaster", "ping", "buildInfo", "saslStart", "saslContinue"));
    }

    private final String user;
    private final Map<ScramMechanism, ScramCredential> credentials =
            new EnumMap<>(ScramMechanism.class);

    public Authentication(String user, String password) {
        this.user = user;
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            credentials.put(mechanism, ScramCredential.create(mechanism, user, password));
        }
    }

    /**
     * Answers {@code saslStart}/{@code saslContinue}; for any other command returns null once it
     * may run on this connection, and throws Unauthorized (13) when it may not.
     */
    public Document handle(Channel channel, String database, String command, Document query) {
        if ("saslStart".equalsIgnoreCase(command)) {
            return saslStart(channel, database, query).append("ok", 1.0);
        } else if ("saslContinue".equalsIgnoreCase(command)) {
            return saslContinue(channel, query).append("ok", 1.0);
        } else if (!WITHOUT_AUTHENTICATION.contains(command) && !state(channel).authenticated()) {
            throw AuthenticationErrors.unauthorized(command);
        }
        return null;
    }

    /**
     * Adds {@code saslSupportedMechs} and the first step of a {@code speculativeAuthenticate} to a
     * {@code hello} reply; a failed speculative step is left out, as MongoDB does, and the driver
     * then authenticates in full.
     */
    public void addToHello(Channel channel, Document query, Document reply) {
        if ((USER_DATABASE + "." + user).equals(query.get("saslSupportedMechs"))) {
            reply.put(
                    "saslSupportedMechs",
                    List.of(
                            ScramMechanism.SCRAM_SHA_1.mechanismName(),
                            ScramMechanism.SCRAM_SHA_256.mechanismName()));
        }
        if (query.get("speculativeAuthenticate") instanceof Document speculative) {
            try {
                Object database = speculative.get("db");
                reply.put(
                        "speculativeAuthenticate",
                        saslStart(channel, String.valueOf(database), speculative));
            } catch (RuntimeException failed) {
                state(channel).reset();
            }
        }
    }

    private Document saslStart(Channel channel, String database, Document query) {
        ScramMechanism mechanism = ScramMechanism.named(query.get("mechanism"));
        if (mechanism == null) {
            throw AuthenticationErrors.mechanismUnavailable(query.get("mechanism"));
        }
        ConnectionAuthentication state = state(channel);
        state.reset();
        if (!USER_DATABASE.equals(database)) {
            throw AuthenticationErrors.failed();
        }
        ScramConversation conversation =
                ScramConversation.start(
                        payload(query),
                        name -> name.equals(user) ? credentials.get(mechanism) : null);
        boolean skipEmptyExchange =
                query.get("options") instanceof Document options
                        && Boolean.TRUE.equals(options.get("skipEmptyExchange"));
        state.begin(conversation, skipEmptyExchange);
        return reply(state, false, conversation.serverFirst());
    }

    private Document saslContinue(Channel channel, Document query) {
        ConnectionAuthentication state = state(channel);
        ScramConversation conversation = state.conversation();
        if (conversation == null
                || !(query.get("conversationId") instanceof Number id)
                || id.intValue() != state.conversationId()) {
            throw AuthenticationErrors.noConversation();
        }
        if (state.proved()) {
            state.authenticate();
            return reply(state, true, new byte[0]);
        }
        byte[] serverFinal;
        try {
            serverFinal = conversation.finish(payload(query));
        } catch (RuntimeException failed) {
            state.reset();
            throw failed;
        }
        if (state.skipEmptyExchange()) {
            state.authenticate();
            return reply(state, true, serverFinal);
        }
        state.prove();
        return reply(state, false, serverFinal);
    }

    private static Document reply(ConnectionAuthentication state, boolean done, byte[] payload) {
        return new Document("conversationId", state.conversationId())
                .append("done", done)
                .append("payload", new BinData(payload));
    }

    private static byte[] payload(Document query) {
        Object payload = query.get("payload");
        if (payload instanceof BinData binary) {
            return binary.getData();
        } else if (payload instanceof String text) {
            return java.util.Base64.getDecoder().decode(text);
        }
        throw AuthenticationErrors.failed();
    }

    private static ConnectionAuthentication state(Channel channel) {
        if (channel == null) {
            return new ConnectionAuthentication();
        }
        ConnectionAuthentication state = channel.attr(STATE).get();
        if (state == null) {
            state = new ConnectionAuthentication();
            ConnectionAuthentication raced = channel.attr(STATE).setIfAbsent(state);
            state = raced != null ? raced : state;
        }
        return state;
    }
}
