package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.CommandInterceptor;
import io.netty.channel.Channel;
import java.util.List;

/**
 * A standalone server's answer to every {@code $changeStream} aggregate: error 40573, as a
 * standalone mongod gives. See the MongoDB manual, "Change Streams" → "Availability" (replica sets
 * and sharded clusters only).
 */
public final class ChangeStreamsUnsupported implements CommandInterceptor {

    @Override
    public boolean handles(String database, String command, Document query) {
        return "aggregate".equalsIgnoreCase(command)
                && query.get("pipeline") instanceof List<?> pipeline
                && !pipeline.isEmpty()
                && pipeline.get(0) instanceof Document first
                && first.containsKey("$changeStream");
    }

    @Override
    public Document handle(Channel channel, String database, String command, Document query) {
        throw new MongoServerError(
                40573,
                "Location40573",
                "The $changeStream stage is only supported on replica sets");
    }
}
