package io.dsync.mongoserver.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Connections insert into one collection while another drops it, so the inserts meet the dropping
 * collection or create it again implicitly. MongoDB serialises these on the collection: each insert
 * either lands before the drop (and is dropped with it) or in the re-created collection
 * (https://www.mongodb.com/docs/manual/reference/command/insert/: "If the collection does not
 * exist, then the insert command creates the collection"); none fails. mongo-java-server resolves
 * and implicitly creates collections under the database's monitor and writes under the
 * collection's, but the embedded server's drop ran under neither: it emptied the collection's index
 * list while an insert that had resolved the collection walked it ({@code
 * ConcurrentModificationException} in {@code AbstractMongoCollection.addDocument}, reached through
 * {@code DsyncCollection.addDocument}), and unregistered names while an insert re-created the
 * collection, so that later reads and drops saw another collection than the writes (documents left
 * behind by a drop). The drop and the inserts start together at a barrier, many times.
 */
class ConcurrentImplicitCreateITCase {

    private static final int INSERTERS = 3;
    private static final int ROUNDS = 400;

    @Test
    void insertsRacingADropOrItsImplicitRecreationNeverFail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSERTERS + 1);
        List<MongoClient> clients = new ArrayList<>();
        try (EmbeddedMongoServer server =
                MongoTestServers.startEmbedded(b -> b.changeStreams(false))) {
            for (int i = 0; i <= INSERTERS; i++) {
                clients.add(MongoClients.create(server.connectionString()));
            }
            CyclicBarrier start = new CyclicBarrier(INSERTERS + 1);
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<?>> work = new ArrayList<>();
                MongoCollection<Document> dropper =
                        clients.get(0).getDatabase("race").getCollection("tmp");
                work.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    dropper.drop();
                                    return null;
                                }));
                for (int w = 1; w <= INSERTERS; w++) {
                    MongoCollection<Document> inserter =
                            clients.get(w).getDatabase("race").getCollection("tmp");
                    int id = round * INSERTERS + w;
                    work.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        inserter.insertOne(new Document("_id", id));
                                        return null;
                                    }));
                }
                for (Future<?> each : work) {
                    each.get();
                }
            }
            MongoCollection<Document> check =
                    clients.get(0).getDatabase("race").getCollection("tmp");
            check.drop();
            check.insertOne(new Document("_id", -1));
            assertThat(check.countDocuments()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            clients.forEach(MongoClient::close);
        }
    }
}
