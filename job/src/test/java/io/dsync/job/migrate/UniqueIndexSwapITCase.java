package io.dsync.job.migrate;

import static io.dsync.job.migrate.MigrationTestSupport.awaitCaughtUp;
import static io.dsync.job.migrate.MigrationTestSupport.awaitSnapshotComplete;
import static io.dsync.job.migrate.MigrationTestSupport.quietOutput;
import static io.dsync.job.migrate.MigrationTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.sink.RecordKeys;
import io.dsync.mongoserver.CommandInterceptor;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.WriteListener;
import io.dsync.mongoserver.testing.MongoTestServers;
import io.netty.channel.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 5 of issue 16: the application moves a unique {@code email} from user A to user B through a
 * temporary value (A: x→z, then B: y→x) while the migration follows changes, and the destination
 * applies B's write first. A and B are written by different sink subtasks; the destination holds
 * A's write back until B's is stored (then refuses it once with a retryable error, so A is written
 * after B), which is the order a slow writer produces. The job must keep running without a failure
 * and converge, and the finalization must then make the index unique exactly as at the source.
 */
class UniqueIndexSwapITCase {

    private static final String DATABASE = "swap";
    private static final int PARALLELISM = 2;

    @TempDir Path state;

    private final HeldWrite held = new HeldWrite();
    private EmbeddedMongoServer sourceServer;
    private EmbeddedMongoServer destinationServer;
    private MongoClient source;
    private MongoClient destination;

    @BeforeEach
    void start() {
        sourceServer = MongoTestServers.startEmbedded(b -> {});
        destinationServer =
                MongoTestServers.startEmbedded(
                        b -> b.addCommandInterceptor(held).addWriteListener(held));
        source = MongoClients.create(sourceServer.connectionString());
        destination = MongoClients.create(destinationServer.connectionString());
    }

    @AfterEach
    void stop() {
        held.release.countDown();
        source.close();
        destination.close();
        sourceServer.close();
        destinationServer.close();
    }

    @Test
    void emailSwapThroughATemporaryValueAppliedOutOfOrderKeepsTheJobRunning() throws Exception {
        String a = userWrittenBy(0);
        String b = userWrittenBy(1);
        held.watch(a, b);
        MongoCollection<Document> users = source.getDatabase(DATABASE).getCollection("users");
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        users.insertOne(new Document("_id", a).append("email", "x"));
        users.insertOne(new Document("_id", b).append("email", "y"));
        MigrationSettings settings =
                settings(
                                sourceServer.connectionString(),
                                destinationServer.connectionString(),
                                state)
                        .includes(List.of(DATABASE))
                        .parallelism(PARALLELISM)
                        .build();
        try (LocalMigration migration = new MigrationRunner(settings, quietOutput()).start()) {
            awaitSnapshotComplete(migration);

            users.updateOne(Filters.eq("_id", a), Updates.set("email", "z"));
            users.updateOne(Filters.eq("_id", b), Updates.set("email", "x"));
            awaitCaughtUp(migration, source);

            assertThat(held.heldUntilBWasStored.get())
                    .as("A's write was applied after B's (the adversarial order)")
                    .isTrue();
            assertThat(failuresOf(migration)).as("job failures and restarts").isEmpty();
        }
        DatabaseAssertions.assertSameDocuments(
                source, destination, DATABASE, "users", DATABASE, "users");

        new Finalization(
                        sourceServer.connectionString(),
                        destinationServer.connectionString(),
                        List.of(DATABASE),
                        List.of(),
                        List.of())
                .run(quietOutput());

        DatabaseAssertions.assertIdentical(source, destination, List.of(DATABASE));
        assertThat(
                        destination
                                .getDatabase(DATABASE)
                                .getCollection("users")
                                .listIndexes()
                                .into(new java.util.ArrayList<>()))
                .anySatisfy(index -> assertThat(index.get("unique")).isEqualTo(true));
    }

    /** A user id whose records the job's sink subtask {@code subtask} writes. */
    private static String userWrittenBy(int subtask) {
        for (int i = 0; ; i++) {
            String id = "user-" + i;
            byte[] key = bytes(new BsonDocument("_id", new BsonString(id)));
            ChangeRecord record =
                    new ChangeRecord(ChangeRecord.Kind.UPDATE, DATABASE + ".users", key, key, 0);
            int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            RecordKeys.INSTANCE.getKey(record), maxParallelism, PARALLELISM)
                    == subtask) {
                return id;
            }
        }
    }

    private static byte[] bytes(BsonDocument document) {
        RawBsonDocument raw = new RawBsonDocument(document, new BsonDocumentCodec());
        byte[] out = new byte[raw.getByteBuffer().remaining()];
        raw.getByteBuffer().get(out);
        return out;
    }

    /** The failures the job has had so far (each one a restart), from Flink's REST API. */
    private static List<?> failuresOf(LocalMigration migration) throws Exception {
        URI uri = migration.restAddress().resolve("/jobs/" + migration.jobId() + "/exceptions");
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(uri).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
        Document exceptions = Document.parse(response.body());
        return ((Document) exceptions.get("exceptionHistory")).getList("entries", Object.class);
    }

    /**
     * The destination's part: holds the first {@code update} command that writes A until B's
     * document is stored with the moved email, then refuses it with a retryable error
     * (ShutdownInProgress), so that A's write is applied after B's.
     */
    private static final class HeldWrite implements CommandInterceptor, WriteListener {

        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean heldUntilBWasStored = new AtomicBoolean();
        private final AtomicBoolean holding = new AtomicBoolean();
        private volatile String a;
        private volatile String b;

        void watch(String a, String b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public boolean handles(
                String database, String command, de.bwaldvogel.mongo.bson.Document query) {
            return DATABASE.equals(database)
                    && "update".equals(command)
                    && writes(query, a)
                    && holding.compareAndSet(false, true);
        }

        private static boolean writes(de.bwaldvogel.mongo.bson.Document command, String id) {
            if (id == null || !(command.get("updates") instanceof List<?> updates)) {
                return false;
            }
            for (Object update : updates) {
                if (((de.bwaldvogel.mongo.bson.Document) update).get("q")
                                instanceof de.bwaldvogel.mongo.bson.Document q
                        && id.equals(q.get("_id"))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handle(
                Channel channel,
                String database,
                String command,
                de.bwaldvogel.mongo.bson.Document query) {
            try {
                // bounded, so that today's code (B refused) fails the test instead of hanging it
                heldUntilBWasStored.set(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new de.bwaldvogel.mongo.exception.MongoServerError(
                    91, "ShutdownInProgress", "held back until another write was stored");
        }

        @Override
        public void onUpdate(
                String database,
                String collection,
                de.bwaldvogel.mongo.bson.Document before,
                de.bwaldvogel.mongo.bson.Document after,
                UpdateKind kind) {
            if (b != null && b.equals(after.get("_id")) && "x".equals(after.get("email"))) {
                release.countDown();
            }
        }

        @Override
        public void onInsert(
                String database, String collection, de.bwaldvogel.mongo.bson.Document document) {}

        @Override
        public void onDelete(
                String database, String collection, de.bwaldvogel.mongo.bson.Document removed) {}

        @Override
        public void onCreateCollection(
                String database, String collection, de.bwaldvogel.mongo.bson.Document options) {}

        @Override
        public void onCreateIndexes(
                String database,
                String collection,
                List<de.bwaldvogel.mongo.bson.Document> indexes) {}

        @Override
        public void onDropCollection(String database, String collection) {}

        @Override
        public void onRenameCollection(
                String database, String collection, String toDatabase, String toCollection) {}

        @Override
        public void onDropDatabase(String database) {}
    }
}
