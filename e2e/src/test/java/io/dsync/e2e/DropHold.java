package io.dsync.e2e;

import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.CommandInterceptor;
import io.netty.channel.Channel;
import java.util.concurrent.CountDownLatch;

/**
 * A behaviour of an embedded destination for a crash test: every {@code drop} command on one
 * database (a DDL dsync applies) is held until the test releases it, so that dsync can be killed
 * while it applies the DDL. Released, the held command runs, as a server runs a command it received
 * from a client that has gone since.
 */
final class DropHold implements CommandInterceptor {

    private final String database;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    DropHold(String database) {
        this.database = database;
    }

    @Override
    public boolean handles(String database, String command, Document query) {
        if (this.database.equals(database) && "drop".equals(command)) {
            arrived.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false; // the server itself runs it
    }

    @Override
    public Document handle(Channel channel, String database, String command, Document query) {
        throw new IllegalStateException("the hold never answers a command itself");
    }

    /** Whether a drop arrived (and is held until {@link #release()}). */
    boolean arrived() {
        return arrived.getCount() == 0;
    }

    void release() {
        released.countDown();
    }
}
