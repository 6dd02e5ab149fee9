package io.dsync.verify.source;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.verify.job.Side;
import java.util.EnumMap;
import java.util.Map;

/**
 * One client per side for all the ranges a source reader compares, whichever of its fetcher threads
 * reads them (never one client per cursor or per range). Created lazily; closed with the reader.
 */
final class SideClients implements AutoCloseable {

    private final ReadSpec spec;
    private final Map<Side, MongoClient> clients = new EnumMap<>(Side.class);

    SideClients(ReadSpec spec) {
        this.spec = spec;
    }

    synchronized MongoClient get(Side side) {
        return clients.computeIfAbsent(side, s -> MongoClients.create(spec.uri(s)));
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(MongoClient::close);
        clients.clear();
    }
}
