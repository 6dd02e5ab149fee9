package io.dsync.connectors.source.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SourceCatalogITCase {

    @RegisterExtension static final MongoTestServers servers = MongoTestServers.create();

    private MongoClient client;
    private String db;
    private String otherDb;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(servers.sourceUri());
        db = uniqueDatabase("it_catalog");
        otherDb = uniqueDatabase("it_catalog_other");
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.getDatabase(db).drop();
            client.getDatabase(otherDb).drop();
            client.close();
        }
    }

    @Test
    void listsSelectedCollectionsWithTypesOptionsAndUuids() {
        MongoDatabase database = client.getDatabase(db);
        database.createCollection(
                "capped", new CreateCollectionOptions().capped(true).sizeInBytes(1 << 20));
        database.getCollection("plain").insertOne(new Document("_id", 1));
        database.createView("recent", "plain", List.of(new Document("$match", new Document())));
        database.getCollection("skipped").insertOne(new Document("_id", 1));
        client.getDatabase(otherDb).getCollection("c").insertOne(new Document("_id", 1));

        NamespaceFilter filter = NamespaceFilter.of(List.of(db), List.of(db + ".skipped"));
        List<CollectionInfo> infos = SourceCatalog.list(client, filter);

        assertThat(infos)
                .extracting(CollectionInfo::namespace)
                .containsExactly(
                        new Namespace(db, "capped"),
                        new Namespace(db, "plain"),
                        new Namespace(db, "recent"));
        CollectionInfo capped = infos.get(0);
        assertThat(capped.type()).isEqualTo(CollectionInfo.Type.COLLECTION);
        assertThat(capped.options().getBoolean("capped").getValue()).isTrue();
        assertThat(capped.uuid()).isPresent();
        CollectionInfo view = infos.get(2);
        assertThat(view.type()).isEqualTo(CollectionInfo.Type.VIEW);
        assertThat(view.options().getString("viewOn")).isEqualTo(new BsonString("plain"));
        assertThat(infos).noneMatch(i -> i.namespace().collection().startsWith("system."));
    }

    @Test
    void reportsTimeSeriesCollectionsAsSuch() {
        client.getDatabase(db)
                .runCommand(
                        new BsonDocument("create", new BsonString("metrics"))
                                .append(
                                        "timeseries",
                                        new BsonDocument("timeField", new BsonString("t"))));
        List<CollectionInfo> infos =
                SourceCatalog.list(client, NamespaceFilter.of(List.of(db), List.of()));
        assertThat(infos)
                .extracting(CollectionInfo::namespace)
                .containsExactly(new Namespace(db, "metrics"));
        assertThat(infos.get(0).type()).isEqualTo(CollectionInfo.Type.TIMESERIES);
    }

    @Test
    void estimatesCountAndAverageSize() {
        Namespace ns = new Namespace(db, "sized");
        client.getDatabase(db)
                .getCollection("sized", BsonDocument.class)
                .insertMany(
                        IntStream.range(0, 100)
                                .mapToObj(
                                        i ->
                                                new BsonDocument("_id", new BsonInt32(i))
                                                        .append(
                                                                "pad",
                                                                new BsonString("x".repeat(200))))
                                .toList());
        assertThat(SourceCatalog.estimatedCount(client, ns)).isEqualTo(100);
        assertThat(SourceCatalog.averageDocumentSize(client, ns)).isBetween(200L, 260L);
        Namespace missing = new Namespace(db, "missing");
        assertThat(SourceCatalog.estimatedCount(client, missing)).isZero();
        assertThat(SourceCatalog.averageDocumentSize(client, missing)).isZero();
    }

    /** A database name no other test uses (the source may be a shared real deployment). */
    private static String uniqueDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
