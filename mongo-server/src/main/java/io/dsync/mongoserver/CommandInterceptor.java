package io.dsync.mongoserver;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * A part of the server that answers some commands itself before the backend sees them (for example
 * change-stream {@code aggregate}, and {@code getMore}/{@code killCursors} on its own cursors).
 */
public interface CommandInterceptor {

    /** Whether this interceptor answers {@code command} (the first key of {@code query}). */
    boolean handles(String database, String command, Document query);

    /**
     * Answers the command. May block (an awaiting {@code getMore}); the server runs commands off
     * its network threads. Errors are thrown as {@code MongoServerError} with MongoDB's code.
     */
    Document handle(Channel channel, String database, String command, Document query);
}
