package io.dsync.mongoserver.testing;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.CommandObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The commands an embedded server received, with the consistency arguments each carried ({@code
 * readConcern}, {@code $readPreference}, {@code writeConcern}), for tests that check what a client
 * asks the server for. Register it with {@code addCommandObserver(log)}.
 */
public final class CommandLog implements CommandObserver {

    private final List<ReceivedCommand> commands = new ArrayList<>();

    @Override
    public synchronized void received(String database, String command, Document query) {
        commands.add(new ReceivedCommand(database, command, query));
    }

    /** Every command received so far, in arrival order. */
    public synchronized List<ReceivedCommand> commands() {
        return List.copyOf(commands);
    }

    /** The received commands that match. */
    public List<ReceivedCommand> matching(Predicate<ReceivedCommand> filter) {
        return commands().stream().filter(filter).toList();
    }

    /** One received command: its database, name and the command document as sent. */
    public record ReceivedCommand(String database, String name, Document query) {

        /** The collection the command names (the value of its first key), or null. */
        public String collection() {
            Object target = query.get(name);
            return target instanceof String s ? s : null;
        }

        /** {@code readConcern.level}, or null when the command carries no read concern level. */
        public String readConcernLevel() {
            return query.get("readConcern") instanceof Document d ? (String) d.get("level") : null;
        }

        /** {@code $readPreference.mode}, or null when absent (which means primary). */
        public String readPreferenceMode() {
            return query.get("$readPreference") instanceof Document d
                    ? (String) d.get("mode")
                    : null;
        }

        /** {@code writeConcern}, or null when the command carries none. */
        public Document writeConcern() {
            return query.get("writeConcern") instanceof Document d ? d : null;
        }

        /** Whether this is an {@code aggregate} whose pipeline opens a change stream. */
        public boolean opensChangeStream() {
            return aggregatesWith("$changeStream");
        }

        /** Whether this is an {@code aggregate} whose pipeline starts with {@code stage}. */
        public boolean aggregatesWith(String stage) {
            if (!name.equals("aggregate") || !(query.get("pipeline") instanceof List<?> stages)) {
                return false;
            }
            return !stages.isEmpty()
                    && stages.get(0) instanceof Document first
                    && first.containsKey(stage);
        }

        /** Whether this is a {@code find} along a hinted index (an {@code _id} range read). */
        public boolean readsRange() {
            return name.equals("find") && query.containsKey("hint");
        }

        @Override
        public String toString() {
            return database + "." + name + " " + query;
        }
    }
}
