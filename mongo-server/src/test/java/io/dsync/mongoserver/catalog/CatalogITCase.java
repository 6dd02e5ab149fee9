package io.dsync.mongoserver.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collection and index metadata, statistics and catalog commands as MongoDB 7.0 reports them. */
class CatalogITCase {

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoDatabase db;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.changeStreams(false));
        client = MongoClients.create(server.connectionString());
        db = client.getDatabase("catalog");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void clean() {
        db.drop();
        client.getDatabase("catalog2").drop();
    }

    private static Map<String, Document> collections() {
        return db.listCollections().into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(d -> d.getString("name"), Function.identity()));
    }

    private static Map<String, BsonDocument> indexes(MongoCollection<?> collection) {
        return collection.listIndexes(BsonDocument.class).into(new ArrayList<>()).stream()
                .collect(
                        Collectors.toMap(d -> d.getString("name").getValue(), Function.identity()));
    }

    // MongoDB manual, "listCollections": options as created, type, info {readOnly, uuid}, idIndex
    @Test
    void listCollectionsReportsCreationOptions() {
        Document validator = new Document("$jsonSchema", new Document("bsonType", "object"));
        db.runCommand(
                new Document("create", "validated")
                        .append("validator", validator)
                        .append("validationLevel", "moderate")
                        .append("validationAction", "warn")
                        .append("collation", new Document("locale", "fr")));
        db.runCommand(
                new Document("create", "capped")
                        .append("capped", true)
                        .append("size", 4096)
                        .append("max", 10));
        db.runCommand(
                new Document("create", "series")
                        .append("timeseries", new Document("timeField", "t")));
        db.runCommand(
                new Document("create", "view")
                        .append("viewOn", "validated")
                        .append("pipeline", List.of(new Document("$match", new Document("a", 1)))));
        db.getCollection("implicit").insertOne(new Document("_id", 1));

        Map<String, Document> collections = collections();
        assertThat(collections.keySet())
                .containsExactlyInAnyOrder("validated", "capped", "series", "view", "implicit");
        Document validated = collections.get("validated");
        assertThat(validated.getString("type")).isEqualTo("collection");
        assertThat(validated.get("options", Document.class))
                .isEqualTo(
                        new Document("validator", validator)
                                .append("validationLevel", "moderate")
                                .append("validationAction", "warn")
                                .append("collation", new Document("locale", "fr")));
        assertThat(validated.get("info", Document.class).getBoolean("readOnly")).isFalse();
        assertThat(validated.get("info", Document.class).get("uuid")).isNotNull();
        assertThat(validated.get("idIndex", Document.class))
                .isEqualTo(
                        new Document("v", 2)
                                .append("key", new Document("_id", 1))
                                .append("name", "_id_"));
        assertThat(collections.get("capped").get("options", Document.class))
                .isEqualTo(new Document("capped", true).append("size", 4096).append("max", 10));
        assertThat(collections.get("series").getString("type")).isEqualTo("timeseries");
        assertThat(collections.get("series").get("options", Document.class))
                .isEqualTo(new Document("timeseries", new Document("timeField", "t")));
        Document view = collections.get("view");
        assertThat(view.getString("type")).isEqualTo("view");
        assertThat(view.get("options", Document.class).getString("viewOn")).isEqualTo("validated");
        assertThat(view.get("info", Document.class).getBoolean("readOnly")).isTrue();
        assertThat(collections.get("implicit").get("options", Document.class)).isEmpty();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).hasSize(5);
        assertThat(
                        db.listCollections()
                                .filter(new Document("type", "view"))
                                .into(new ArrayList<>()))
                .extracting(d -> d.getString("name"))
                .containsExactly("view");
    }

    // MongoDB manual, "Views": reads go through the view's pipeline; writes are refused
    @Test
    void viewsAreReadable() {
        db.getCollection("base")
                .insertMany(
                        List.of(
                                new Document("_id", 1).append("a", 1),
                                new Document("_id", 2).append("a", 2)));
        db.createView("ones", "base", List.of(new Document("$match", new Document("a", 1))));
        assertThat(db.getCollection("ones").find().into(new ArrayList<>()))
                .extracting(d -> d.get("_id"))
                .containsExactly(1);
        assertThatThrownBy(() -> db.getCollection("ones").insertOne(new Document("a", 1)))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(166));
    }

    // MongoDB manual, "listIndexes"/"createIndexes": specifications kept as given
    @Test
    void listIndexesReportsSpecificationsAsCreated() {
        MongoCollection<Document> c = db.getCollection("indexed");
        c.createIndex(
                Indexes.ascending("u"), new IndexOptions().unique(true).sparse(true).name("u_1"));
        c.createIndex(
                Indexes.descending("p"),
                new IndexOptions()
                        .partialFilterExpression(new Document("p", new Document("$gt", 5))));
        c.createIndex(
                Indexes.ascending("t"), new IndexOptions().expireAfter(3600L, TimeUnit.SECONDS));
        c.createIndex(Indexes.ascending("h"), new IndexOptions().hidden(true));
        c.createIndex(
                Indexes.ascending("s"),
                new IndexOptions()
                        .collation(
                                com.mongodb.client.model.Collation.builder().locale("en").build()));
        c.createIndex(
                Indexes.compoundIndex(Indexes.text("title"), Indexes.text("body")),
                new IndexOptions().weights(new Document("title", 10)).defaultLanguage("german"));
        c.createIndex(Indexes.geo2dsphere("loc"));

        Map<String, BsonDocument> indexes = indexes(c);
        assertThat(indexes.keySet())
                .containsExactlyInAnyOrder(
                        "_id_",
                        "u_1",
                        "p_-1",
                        "t_1",
                        "h_1",
                        "s_1",
                        "title_text_body_text",
                        "loc_2dsphere");
        assertThat(indexes.get("u_1"))
                .isEqualTo(
                        BsonDocument.parse(
                                "{v: 2, key: {u: 1}, name: 'u_1', unique: true, sparse: true}"));
        assertThat(indexes.get("p_-1"))
                .isEqualTo(
                        BsonDocument.parse(
                                "{v: 2, key: {p: -1}, name: 'p_-1', partialFilterExpression: {p: {$gt: 5}}}"));
        assertThat(indexes.get("t_1").getInt64("expireAfterSeconds").getValue()).isEqualTo(3600L);
        assertThat(indexes.get("h_1").getBoolean("hidden").getValue()).isTrue();
        assertThat(indexes.get("s_1").getDocument("collation").getString("locale").getValue())
                .isEqualTo("en");
        BsonDocument text = indexes.get("title_text_body_text");
        assertThat(text.getDocument("key"))
                .isEqualTo(BsonDocument.parse("{_fts: 'text', _ftsx: 1}"));
        assertThat(text.getDocument("weights"))
                .isEqualTo(BsonDocument.parse("{title: 10, body: 1}"));
        assertThat(text.getString("default_language").getValue()).isEqualTo("german");
        assertThat(text.getInt32("textIndexVersion").getValue()).isEqualTo(3);
        assertThat(indexes.get("loc_2dsphere").getInt32("2dsphereIndexVersion").getValue())
                .isEqualTo(3);
        assertThat(new ArrayList<>(indexes.get("u_1").keySet())).startsWith("v", "key", "name");
    }

    // MongoDB manual, "Unique Indexes": enforced
    @Test
    void uniqueIndexIsEnforced() {
        MongoCollection<Document> c = db.getCollection("unique");
        c.createIndex(Indexes.ascending("u"), new IndexOptions().unique(true));
        c.insertOne(new Document("u", 1));
        assertThatThrownBy(() -> c.insertOne(new Document("u", 1)))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
    }

    // MongoDB manual, "dropIndexes" and "collMod"
    @Test
    void dropIndexesAndCollMod() {
        MongoCollection<Document> c = db.getCollection("mod");
        c.createIndex(Indexes.ascending("a"));
        c.createIndex(
                Indexes.ascending("b"), new IndexOptions().expireAfter(10L, TimeUnit.SECONDS));
        db.runCommand(
                new Document("collMod", "mod")
                        .append("index", new Document("name", "a_1").append("hidden", true)));
        db.runCommand(
                new Document("collMod", "mod")
                        .append(
                                "index",
                                new Document("keyPattern", new Document("b", 1))
                                        .append("expireAfterSeconds", 20)));
        db.runCommand(new Document("collMod", "mod").append("validator", new Document("x", 1)));
        Map<String, BsonDocument> indexes = indexes(c);
        assertThat(indexes.get("a_1").getBoolean("hidden").getValue()).isTrue();
        assertThat(indexes.get("b_1").getNumber("expireAfterSeconds").intValue()).isEqualTo(20);
        assertThat(collections().get("mod").get("options", Document.class))
                .isEqualTo(new Document("validator", new Document("x", 1)));

        c.dropIndex("a_1");
        assertThat(indexes(c).keySet()).containsExactlyInAnyOrder("_id_", "b_1");
        c.dropIndexes();
        assertThat(indexes(c).keySet()).containsExactly("_id_");
        assertThatThrownBy(() -> c.dropIndex("nope"))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(27));
    }

    // MongoDB manual, "count", "db.collection.countDocuments()", "estimatedDocumentCount()",
    // "collStats", "$collStats", "$sample"
    @Test
    void countsStatsAndSample() {
        MongoCollection<Document> c = db.getCollection("stats");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            documents.add(new Document("_id", i).append("even", i % 2 == 0));
        }
        c.insertMany(documents);
        c.createIndex(Indexes.ascending("even"));
        assertThat(c.countDocuments()).isEqualTo(50);
        assertThat(c.countDocuments(new Document("even", true))).isEqualTo(25);
        assertThat(c.estimatedDocumentCount()).isEqualTo(50);

        Document stats = db.runCommand(new Document("collStats", "stats"));
        assertThat(stats.get("count", Number.class).intValue()).isEqualTo(50);
        assertThat(stats.get("size", Number.class).longValue()).isPositive();
        assertThat(stats.get("avgObjSize", Number.class).longValue()).isPositive();
        assertThat(stats.get("storageSize", Number.class).longValue()).isPositive();
        assertThat(stats.get("nindexes", Number.class).intValue()).isEqualTo(2);

        Document collStats =
                c.aggregate(
                                List.of(
                                        new Document(
                                                "$collStats",
                                                new Document("storageStats", new Document()))))
                        .first();
        Document storage = collStats.get("storageStats", Document.class);
        assertThat(storage.get("count", Number.class).intValue()).isEqualTo(50);
        assertThat(storage.get("nindexes", Number.class).intValue()).isEqualTo(2);
        assertThat(storage.get("size", Number.class).longValue())
                .isEqualTo(stats.get("size", Number.class).longValue());

        List<Document> sample = c.aggregate(List.of(Aggregates.sample(10))).into(new ArrayList<>());
        assertThat(sample).hasSize(10).doesNotHaveDuplicates();
    }

    // splitVector is not offered (as on managed services): CommandNotFound (59); unknown too
    @Test
    void splitVectorAndUnknownCommandsFailWithCommandNotFound() {
        for (Document command :
                List.of(
                        new Document("splitVector", "catalog.stats")
                                .append("keyPattern", new Document("_id", 1)),
                        new Document("noSuchCommand", 1))) {
            assertThatThrownBy(() -> db.runCommand(command))
                    .isInstanceOfSatisfying(
                            MongoCommandException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(59));
        }
    }

    // MongoDB manual, "renameCollection": within and across databases, with indexes and options
    @Test
    void renameCollectionWithinAndAcrossDatabases() {
        db.runCommand(new Document("create", "r1").append("validator", new Document("a", 1)));
        MongoCollection<Document> r1 = db.getCollection("r1");
        r1.createIndex(Indexes.ascending("a"));
        r1.insertMany(
                List.of(
                        new Document("_id", 1).append("a", 1),
                        new Document("_id", 2).append("a", 1)));
        MongoDatabase admin = client.getDatabase("admin");

        admin.runCommand(new Document("renameCollection", "catalog.r1").append("to", "catalog.r2"));
        assertThat(collections().keySet()).containsExactly("r2");
        assertThat(db.getCollection("r2").countDocuments()).isEqualTo(2);

        admin.runCommand(
                new Document("renameCollection", "catalog.r2").append("to", "catalog2.r3"));
        MongoDatabase other = client.getDatabase("catalog2");
        assertThat(db.listCollectionNames().into(new ArrayList<>())).isEmpty();
        assertThat(other.getCollection("r3").find().into(new ArrayList<>())).hasSize(2);
        assertThat(indexes(other.getCollection("r3")).keySet())
                .containsExactlyInAnyOrder("_id_", "a_1");
        assertThat(other.listCollections().first().get("options", Document.class))
                .isEqualTo(new Document("validator", new Document("a", 1)));

        other.getCollection("r4").insertOne(new Document("_id", 9));
        assertThatThrownBy(
                        () ->
                                admin.runCommand(
                                        new Document("renameCollection", "catalog2.r3")
                                                .append("to", "catalog2.r4")))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(48));
        admin.runCommand(
                new Document("renameCollection", "catalog2.r3")
                        .append("to", "catalog2.r4")
                        .append("dropTarget", true));
        assertThat(other.getCollection("r4").countDocuments()).isEqualTo(2);
        assertThatThrownBy(
                        () ->
                                admin.runCommand(
                                        new Document("renameCollection", "catalog.nope")
                                                .append("to", "catalog.x")))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(26));
    }

    // listDatabases lists databases that hold collections
    @Test
    void listDatabasesListsNonEmptyDatabases() {
        db.getCollection("x").insertOne(new Document());
        client.getDatabase("never-written").listCollectionNames().into(new ArrayList<>());
        assertThat(client.listDatabaseNames().into(new ArrayList<>()))
                .contains("catalog")
                .doesNotContain("never-written");
    }
}
