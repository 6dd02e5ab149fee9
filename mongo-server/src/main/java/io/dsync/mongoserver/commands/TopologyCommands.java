package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.topology.ReplicaSetMember;
import io.dsync.mongoserver.topology.ServerVersion;
import io.dsync.mongoserver.wire.CommandExecutionHandler;
import io.netty.channel.Channel;
import java.util.function.Supplier;

/**
 * {@code hello}/{@code isMaster}, {@code buildInfo}, {@code replSetGetStatus} and {@code
 * serverStatus}, answered as a one-member replica set's primary running MongoDB 7.0.
 */
public final class TopologyCommands {

    private final ReplicaSetMember member;
    private final Supplier<Document> baseServerStatus;

    public TopologyCommands(ReplicaSetMember member, Supplier<Document> baseServerStatus) {
        this.member = member;
        this.baseServerStatus = baseServerStatus;
    }

    public void register(CommandTable table) {
        table.add("hello", (channel, db, command) -> member.hello(command, id(channel), false));
        table.add("isMaster", (channel, db, command) -> member.hello(command, id(channel), true));
        table.add("buildInfo", (channel, db, command) -> ReplicaSetMember.buildInfo());
        table.add("replSetGetStatus", this::replSetGetStatus);
        table.add("serverStatus", (channel, db, command) -> serverStatus());
    }

    private static int id(Channel channel) {
        Integer id =
                channel == null ? null : channel.attr(CommandExecutionHandler.CONNECTION_ID).get();
        return id == null ? 0 : id;
    }

    private Document replSetGetStatus(Channel channel, String database, Document command) {
        if (!"admin".equals(database)) {
            throw new MongoServerError(
                    13,
                    "Unauthorized",
                    "replSetGetStatus may only be run against the admin database.");
        }
        return member.replSetGetStatus();
    }

    private Document serverStatus() {
        Document status = baseServerStatus.get();
        status.put("version", ServerVersion.VERSION);
        status.put("process", "mongod");
        if (member.replicaSet()) {
            status.put("repl", member.replSection());
        }
        return status;
    }
}
