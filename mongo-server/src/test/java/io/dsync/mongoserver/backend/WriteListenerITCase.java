package io.dsync.mongoserver.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.ValidationOptions;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.WriteListener;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every write path reports each changed document exactly once, with MongoDB's distinction between
 * update and replace (MongoDB manual, "Change Events": insert, update, replace, delete, create,
 * createIndexes, drop, rename, dropDatabase).
 */
class WriteListenerITCase {

    private static final Recorder recorder = new Recorder();
    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoDatabase db;
    private static MongoCollection<Document> c;

    @BeforeAll
    static void start() {
        server =
                MongoTestServers.startEmbedded(
                        b -> b.changeStreams(false).addWriteListener(recorder));
        client = MongoClients.create(server.connectionString());
        db = client.getDatabase("w");
        c = db.getCollection("c");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void clean() {
        db.drop();
        recorder.events.clear();
    }

    private static Document doc(int id) {
        return new Document("_id", id).append("v", 0);
    }

    @Test
    void insertsAndImplicitCreate() {
        c.insertOne(doc(1));
        c.insertMany(List.of(doc(2), doc(3)));
        assertThat(recorder.events)
                .containsExactly("create w.c {}", "insert w.c 1", "insert w.c 2", "insert w.c 3");
    }

    @Test
    void updatesAndReplacesAreReportedOncePerChangedDocument() {
        c.insertMany(List.of(doc(1), doc(2), doc(3)));
        recorder.events.clear();
        c.updateOne(new Document("_id", 1), Updates.set("v", 1));
        c.updateMany(new Document("_id", new Document("$gte", 2)), Updates.inc("v", 1));
        c.updateOne(new Document("_id", 1), Updates.set("v", 1)); // no change: no event
        c.replaceOne(new Document("_id", 1), new Document("w", 1));
        assertThat(recorder.events)
                .containsExactly(
                        "update w.c 1 UPDATE {_id=1, v=1}",
                        "update w.c 2 UPDATE {_id=2, v=1}",
                        "update w.c 3 UPDATE {_id=3, v=1}",
                        "update w.c 1 REPLACE {_id=1, w=1}");
    }

    @Test
    void deletes() {
        c.insertMany(List.of(doc(1), doc(2), doc(3)));
        recorder.events.clear();
        c.deleteOne(new Document("_id", 1));
        c.deleteMany(new Document());
        assertThat(recorder.events).containsExactly("delete w.c 1", "delete w.c 2", "delete w.c 3");
    }

    @Test
    void findAndModifyPaths() {
        c.insertMany(List.of(doc(1), doc(2), doc(3)));
        recorder.events.clear();
        c.findOneAndUpdate(new Document("_id", 1), Updates.set("v", 5));
        c.findOneAndReplace(new Document("_id", 2), new Document("r", 1));
        c.findOneAndDelete(new Document("_id", 3));
        assertThat(recorder.events)
                .containsExactly(
                        "update w.c 1 UPDATE {_id=1, v=5}",
                        "update w.c 2 REPLACE {_id=2, r=1}",
                        "delete w.c 3");
    }

    @Test
    void upsertsAreInserts() {
        c.insertOne(doc(0));
        recorder.events.clear();
        c.updateOne(new Document("_id", 1), Updates.set("v", 1), new UpdateOptions().upsert(true));
        c.replaceOne(
                new Document("_id", 2), new Document("v", 2), new ReplaceOptions().upsert(true));
        c.findOneAndUpdate(
                new Document("_id", 3),
                Updates.set("v", 3),
                new FindOneAndUpdateOptions().upsert(true));
        c.findOneAndReplace(
                new Document("_id", 4),
                new Document("v", 4),
                new FindOneAndReplaceOptions().upsert(true));
        assertThat(recorder.events)
                .containsExactly("insert w.c 1", "insert w.c 2", "insert w.c 3", "insert w.c 4");
    }

    @Test
    void bulkWrite() {
        c.insertOne(doc(0));
        recorder.events.clear();
        c.bulkWrite(
                List.of(
                        new InsertOneModel<>(doc(1)),
                        new UpdateOneModel<>(new Document("_id", 1), Updates.set("v", 9)),
                        new ReplaceOneModel<>(new Document("_id", 0), new Document("z", 1)),
                        new DeleteOneModel<>(new Document("_id", 1))));
        assertThat(recorder.events)
                .containsExactly(
                        "insert w.c 1",
                        "update w.c 1 UPDATE {_id=1, v=9}",
                        "update w.c 0 REPLACE {_id=0, z=1}",
                        "delete w.c 1");
    }

    @Test
    void collectionAndDatabaseOperations() {
        db.createCollection(
                "e",
                new CreateCollectionOptions()
                        .validationOptions(
                                new ValidationOptions().validator(new Document("a", 1))));
        db.getCollection("e").createIndex(Indexes.ascending("a"), new IndexOptions().name("a_1"));
        db.getCollection("e").insertOne(doc(1));
        client.getDatabase("admin")
                .runCommand(new Document("renameCollection", "w.e").append("to", "w2.f"));
        client.getDatabase("w2").getCollection("f").drop();
        client.getDatabase("w2").getCollection("g").insertOne(doc(1));
        client.getDatabase("w2").drop();
        assertThat(recorder.events)
                .containsExactly(
                        "create w.e {validator={\"a\" : 1}}",
                        "createIndexes w.e [a_1]",
                        "insert w.e 1",
                        "rename w.e -> w2.f",
                        "drop w2.f",
                        "create w2.g {}",
                        "insert w2.g 1",
                        "drop w2.g",
                        "dropDatabase w2");
    }

    /** Records every call as a line of text. */
    private static final class Recorder implements WriteListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        private static String ns(String d, String c) {
            return d + "." + c;
        }

        @Override
        public void onInsert(String d, String c, de.bwaldvogel.mongo.bson.Document doc) {
            events.add("insert " + ns(d, c) + " " + doc.get("_id"));
        }

        @Override
        public void onUpdate(
                String d,
                String c,
                de.bwaldvogel.mongo.bson.Document before,
                de.bwaldvogel.mongo.bson.Document after,
                UpdateKind kind) {
            events.add(
                    "update "
                            + ns(d, c)
                            + " "
                            + before.get("_id")
                            + " "
                            + kind
                            + " "
                            + new java.util.LinkedHashMap<>(after));
        }

        @Override
        public void onDelete(String d, String c, de.bwaldvogel.mongo.bson.Document removed) {
            events.add("delete " + ns(d, c) + " " + removed.get("_id"));
        }

        @Override
        public void onCreateCollection(
                String d, String c, de.bwaldvogel.mongo.bson.Document options) {
            events.add("create " + ns(d, c) + " " + new java.util.LinkedHashMap<>(options));
        }

        @Override
        public void onCreateIndexes(
                String d, String c, List<de.bwaldvogel.mongo.bson.Document> indexes) {
            events.add(
                    "createIndexes "
                            + ns(d, c)
                            + " "
                            + indexes.stream().map(i -> i.get("name")).toList());
        }

        @Override
        public void onDropCollection(String d, String c) {
            events.add("drop " + ns(d, c));
        }

        @Override
        public void onRenameCollection(String d, String c, String td, String tc) {
            events.add("rename " + ns(d, c) + " -> " + ns(td, tc));
        }

        @Override
        public void onDropDatabase(String d) {
            events.add("dropDatabase " + d);
        }
    }
}
