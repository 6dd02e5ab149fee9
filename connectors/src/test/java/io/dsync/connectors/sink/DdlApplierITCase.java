package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Source DDL applied to a destination server over TCP, through the mapping, idempotently. */
class DdlApplierITCase {

    private static final NamespaceMapping MAPPING =
            NamespaceMapping.parse(
                    "shop:shop_v2", "shop.orders:archive.orders_2024", "other.x:shop_v2.fromOther");

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private MongoClient destination;
    private DdlApplier ddl;

    @BeforeEach
    void start() {
        destination = MongoClients.create(SERVERS.destinationUri());
        for (String database : destination.listDatabaseNames()) {
            if (!List.of("admin", "local", "config").contains(database)) {
                destination.getDatabase(database).drop();
            }
        }
        ddl = new DdlApplier(destination, MAPPING);
    }

    @AfterEach
    void stop() {
        destination.close();
    }

    @Test
    void dropsTheMappedCollectionAndToleratesMissingOnes() {
        insert("shop_v2.users", 1);
        insert("shop_v2.keep", 1);

        ddl.dropCollection(Namespace.parse("shop.users"));
        ddl.dropCollection(Namespace.parse("shop.users"));
        ddl.dropCollection(Namespace.parse("shop.neverExisted"));

        assertThat(collections("shop_v2")).containsExactly("keep");
    }

    @Test
    void dropDatabaseDropsExactlyWhatTheSourceDatabaseWasWrittenTo() {
        insert("shop_v2.users", 1);
        insert("shop_v2.carts", 1);
        insert("shop_v2.fromOther", 1); // written by other.x
        insert("shop_v2.orders", 1); // shop.orders goes to archive: not from shop
        insert("archive.orders_2024", 1);
        insert("archive.keep", 1);
        insert("shop.users", 1); // the source database's name is not its destination

        ddl.dropDatabase("shop");
        ddl.dropDatabase("shop");

        assertThat(collections("shop_v2")).containsExactlyInAnyOrder("fromOther", "orders");
        assertThat(collections("archive")).containsExactly("keep");
        assertThat(collections("shop")).containsExactly("users");
    }

    @Test
    void renamesOnceAndTreatsAReplayedRenameAsDone() {
        insert("shop_v2.a", 1);

        ddl.rename(Namespace.parse("shop.a"), Namespace.parse("shop.b"), false);
        assertThat(collections("shop_v2")).containsExactly("b");
        assertThat(ids("shop_v2.b")).containsExactly(1);

        // Replayed after a restart: the source of the rename is gone.
        ddl.rename(Namespace.parse("shop.a"), Namespace.parse("shop.b"), false);
        assertThat(collections("shop_v2")).containsExactly("b");

        // Replayed after writes re-created "a": the target can only come from this rename.
        insert("shop_v2.a", 2);
        ddl.rename(Namespace.parse("shop.a"), Namespace.parse("shop.b"), false);
        assertThat(ids("shop_v2.a")).containsExactly(2);
        assertThat(ids("shop_v2.b")).containsExactly(1);
    }

    @Test
    void aRenameThatDroppedItsTargetAtTheSourceReplacesTheTarget() {
        insert("shop_v2.a", 1);
        insert("shop_v2.b", 2);

        ddl.rename(Namespace.parse("shop.a"), Namespace.parse("shop.b"), true);

        assertThat(collections("shop_v2")).containsExactly("b");
        assertThat(ids("shop_v2.b")).containsExactly(1);
    }

    @Test
    void renamesAcrossDatabasesWhenTheMappingSaysSo() {
        insert("archive.orders_2024", 7);

        ddl.rename(Namespace.parse("shop.orders"), Namespace.parse("shop.orders_old"), false);

        assertThat(collections("archive")).isEmpty();
        assertThat(ids("shop_v2.orders_old")).containsExactly(7);
    }

    private void insert(String namespace, int id) {
        Namespace ns = Namespace.parse(namespace);
        destination
                .getDatabase(ns.database())
                .getCollection(ns.collection())
                .insertOne(new Document("_id", id));
    }

    private List<String> collections(String database) {
        return destination.getDatabase(database).listCollectionNames().into(new ArrayList<>());
    }

    private List<Integer> ids(String namespace) {
        Namespace ns = Namespace.parse(namespace);
        List<Integer> ids = new ArrayList<>();
        for (Document d :
                destination.getDatabase(ns.database()).getCollection(ns.collection()).find()) {
            ids.add(d.getInteger("_id"));
        }
        return ids;
    }
}
