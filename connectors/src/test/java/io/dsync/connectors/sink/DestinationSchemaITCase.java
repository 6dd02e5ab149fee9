package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.sink.DestinationSchema.CreateOutcome;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Destination preparation between the source and destination test servers, over TCP. */
class DestinationSchemaITCase {

    private static final NamespaceMapping MAPPING =
            NamespaceMapping.parse("shop:shop_v2", "shop.orders:archive.orders_2024");

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private MongoClient source;
    private MongoClient destination;
    private DestinationSchema schema;

    @BeforeEach
    void start() {
        source = MongoClients.create(SERVERS.sourceUri());
        destination = MongoClients.create(SERVERS.destinationUri());
        dropUserDatabases(source);
        dropUserDatabases(destination);
        schema = new DestinationSchema(source, destination, MAPPING);
    }

    @AfterEach
    void stop() {
        source.close();
        destination.close();
    }

    private static void dropUserDatabases(MongoClient client) {
        for (String database : client.listDatabaseNames()) {
            if (!List.of("admin", "local", "config").contains(database)) {
                client.getDatabase(database).drop();
            }
        }
    }

    @Test
    void createsTheMappedCollectionWithTheSourceOptions() {
        MongoDatabase shop = source.getDatabase("shop");
        shop.runCommand(
                Document.parse(
                        "{create: 'orders', validator: {$jsonSchema: {required: ['total']}},"
                                + " validationLevel: 'moderate', validationAction: 'warn',"
                                + " collation: {locale: 'fr', strength: 2}}"));
        shop.runCommand(Document.parse("{create: 'log', capped: true, size: 4096, max: 10}"));

        assertThat(schema.createCollection(Namespace.parse("shop.orders")))
                .isEqualTo(CreateOutcome.CREATED);
        assertThat(schema.createCollection(Namespace.parse("shop.log")))
                .isEqualTo(CreateOutcome.CREATED);

        assertThat(options(destination, "archive.orders_2024"))
                .isEqualTo(options(source, "shop.orders"))
                .containsKeys("validator", "validationLevel", "validationAction", "collation");
        assertThat(options(destination, "shop_v2.log"))
                .isEqualTo(options(source, "shop.log"))
                .containsEntry("capped", org.bson.BsonBoolean.TRUE);
    }

    @Test
    void leavesAnExistingDestinationCollectionAlone() {
        source.getDatabase("shop").runCommand(Document.parse("{create: 'orders', max: 5}"));
        destination.getDatabase("archive").runCommand(new Document("create", "orders_2024"));

        assertThat(schema.createCollection(Namespace.parse("shop.orders")))
                .isEqualTo(CreateOutcome.ALREADY_EXISTS);
        assertThat(options(destination, "archive.orders_2024")).isEmpty();
    }

    @Test
    void skipsViewsRefusesTimeSeriesAndReportsMissingSources() {
        MongoDatabase shop = source.getDatabase("shop");
        shop.createCollection("items");
        shop.runCommand(Document.parse("{create: 'cheap', viewOn: 'items', pipeline: []}"));
        shop.runCommand(
                Document.parse(
                        "{create: 'metrics', timeseries: {timeField: 't', metaField: 'm'}}"));

        assertThat(schema.createCollection(Namespace.parse("shop.cheap")))
                .isEqualTo(CreateOutcome.VIEW_SKIPPED);
        assertThat(destination.getDatabase("shop_v2").listCollectionNames()).isEmpty();
        assertThatThrownBy(() -> schema.createCollection(Namespace.parse("shop.metrics")))
                .isInstanceOf(UnsupportedCollectionException.class)
                .hasMessageContaining("shop.metrics is a time-series collection")
                .satisfies(
                        e ->
                                assertThat(((UnsupportedCollectionException) e).source())
                                        .isEqualTo(Namespace.parse("shop.metrics")));
        assertThat(schema.createCollection(Namespace.parse("shop.gone")))
                .isEqualTo(CreateOutcome.SOURCE_MISSING);
    }

    @Test
    void copiesEverySecondaryIndexWithAllItsOptions() {
        MongoDatabase shop = source.getDatabase("shop");
        shop.runCommand(
                Document.parse(
                        "{createIndexes: 'orders', indexes: ["
                                + "{key: {email: 1}, name: 'email_1', unique: true},"
                                + "{key: {status: 1}, name: 'status_partial',"
                                + "  partialFilterExpression: {status: {$exists: true}}},"
                                + "{key: {coupon: 1}, name: 'coupon_1', sparse: true},"
                                + "{key: {createdAt: 1}, name: 'ttl', expireAfterSeconds: 3600},"
                                + "{key: {name: 1}, name: 'name_fr',"
                                + "  collation: {locale: 'fr', strength: 2}},"
                                + "{key: {_fts: 'text', _ftsx: 1}, name: 'search',"
                                + "  weights: {title: 10, body: 1}, default_language: 'french',"
                                + "  language_override: 'lang', textIndexVersion: 3},"
                                + "{key: {loc: '2dsphere'}, name: 'loc_2dsphere',"
                                + "  '2dsphereIndexVersion': 3},"
                                + "{key: {legacy: 1}, name: 'legacy_hidden', hidden: true},"
                                + "{key: {a: 1, b: -1}, name: 'a_1_b_-1'}]}"));

        List<String> copied = schema.copyIndexes(Namespace.parse("shop.orders"));

        assertThat(copied)
                .containsExactly(
                        "email_1",
                        "status_partial",
                        "coupon_1",
                        "ttl",
                        "name_fr",
                        "search",
                        "loc_2dsphere",
                        "legacy_hidden",
                        "a_1_b_-1");
        // every definition as the source's, except that the unique one is not unique yet
        List<BsonDocument> expected = indexes(source, "shop.orders");
        expected.get(1).remove("unique");
        assertThat(indexes(destination, "archive.orders_2024")).isEqualTo(expected).hasSize(10);

        // Idempotent: the same indexes again change nothing.
        assertThat(schema.copyIndexes(Namespace.parse("shop.orders"))).isEqualTo(copied);
        assertThat(indexes(destination, "archive.orders_2024")).isEqualTo(expected);
    }

    @Test
    void aConflictingDestinationIndexFailsNamingIt() {
        source.getDatabase("shop")
                .getCollection("users")
                .createIndex(
                        new Document("email", 1),
                        new com.mongodb.client.model.IndexOptions().unique(true).name("email_1"));
        destination
                .getDatabase("shop_v2")
                .getCollection("users")
                .createIndex(
                        new Document("email", 1),
                        new com.mongodb.client.model.IndexOptions().name("email_1").sparse(true));

        assertThatThrownBy(() -> schema.copyIndexes(Namespace.parse("shop.users")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[email_1] of shop.users on the destination shop_v2.users")
                .hasMessageContaining("drop it at the destination");
    }

    @Test
    void copiesNoIndexForACollectionWithOnlyTheIdIndexOrNone() {
        source.getDatabase("shop").createCollection("plain");
        assertThat(schema.copyIndexes(Namespace.parse("shop.plain"))).isEmpty();
        assertThat(schema.copyIndexes(Namespace.parse("shop.missing"))).isEmpty();
    }

    @Test
    void findsTheFirstNonEmptyMappedDestination() {
        List<Namespace> sources =
                List.of(Namespace.parse("shop.orders"), Namespace.parse("shop.users"));
        assertThat(schema.firstNonEmptyDestination(sources)).isEmpty();

        destination.getDatabase("shop_v2").createCollection("users");
        assertThat(schema.firstNonEmptyDestination(sources)).isEmpty();

        destination.getDatabase("shop_v2").getCollection("users").insertOne(new Document("_id", 1));
        assertThat(schema.firstNonEmptyDestination(sources))
                .contains(Namespace.parse("shop_v2.users"));
        // The source database name is not what is checked.
        source.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 1));
        assertThat(schema.firstNonEmptyDestination(List.of(Namespace.parse("shop.orders"))))
                .isEmpty();
    }

    private static BsonDocument options(MongoClient client, String namespace) {
        BsonDocument info = DestinationSchema.collectionInfo(client, Namespace.parse(namespace));
        assertThat(info).as(namespace).isNotNull();
        return info.getDocument("options");
    }

    /** listIndexes specs without {@code ns}. */
    private static List<BsonDocument> indexes(MongoClient client, String namespace) {
        Namespace ns = Namespace.parse(namespace);
        List<BsonDocument> specs = new ArrayList<>();
        for (BsonDocument spec :
                client.getDatabase(ns.database())
                        .getCollection(ns.collection())
                        .listIndexes(BsonDocument.class)) {
            spec.remove("ns");
            specs.add(spec);
        }
        return specs;
    }
}
