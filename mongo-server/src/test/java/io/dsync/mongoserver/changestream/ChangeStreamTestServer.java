package io.dsync.mongoserver.changestream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The server and client the change-stream ITCases talk to over TCP: the one place that says which
 * server they run against.
 */
final class ChangeStreamTestServer implements AutoCloseable {

    private final TemporaryChangeStreamServer server;
    private final MongoClient client;

    ChangeStreamTestServer(int retainedEntries) {
        server = new TemporaryChangeStreamServer(retainedEntries);
        client = MongoClients.create(server.connectionString());
    }

    MongoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
