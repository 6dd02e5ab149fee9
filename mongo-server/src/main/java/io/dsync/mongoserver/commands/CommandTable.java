package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commands the embedded server answers itself, by name (case-insensitive, as
 * mongo-java-server).
 */
public final class CommandTable {

    /** One command's implementation. */
    @FunctionalInterface
    public interface Command {
        Document run(Channel channel, String database, Document command);
    }

    private final Map<String, Command> commands = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public void add(String name, Command command) {
        commands.put(name, command);
    }

    /** The command, or null when the backend's default handling applies. */
    public Command get(String name) {
        return commands.get(name);
    }
}
