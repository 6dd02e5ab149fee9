package io.dsync.connectors.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class NamespaceFilterTest {

    private static final List<String> NAMESPACES =
            List.of(
                    "shop.orders",
                    "shop.items",
                    "shop.system.views",
                    "shop.a.b",
                    "sales_1.orders",
                    "sales_12.orders",
                    "salesX.orders",
                    "crm.orders",
                    "crm.people",
                    "admin.users",
                    "local.oplog.rs",
                    "config.chunks",
                    "__dsync.state",
                    "we.ird.name$x");

    @Test
    void defaultSelectsUserNamespacesOnly() {
        NamespaceFilter all = NamespaceFilter.all();
        assertThat(all.includes(ns("shop.orders"))).isTrue();
        assertThat(all.includes(ns("shop.a.b"))).isTrue();
        assertThat(all.includes(ns("shop.system.views"))).isFalse();
        assertThat(all.includes(ns("admin.users"))).isFalse();
        assertThat(all.includes(ns("local.oplog.rs"))).isFalse();
        assertThat(all.includes(ns("config.chunks"))).isFalse();
        assertThat(all.includes(ns(NamespaceFilter.TOOL_DATABASE + ".x"))).isFalse();
        assertThat(all.includesDatabase("shop")).isTrue();
        assertThat(all.includesDatabase("admin")).isFalse();
        assertThat(all.includesDatabase("__dsync")).isFalse();
    }

    @Test
    void globsMatchWithinOneNamePart() {
        NamespaceFilter f = NamespaceFilter.of(List.of("shop.*", "*.orders", "sales_?"), List.of());
        assertThat(f.includes(ns("shop.items"))).isTrue();
        assertThat(f.includes(ns("shop.a.b"))).isTrue();
        assertThat(f.includes(ns("crm.orders"))).isTrue();
        assertThat(f.includes(ns("crm.people"))).isFalse();
        assertThat(f.includes(ns("sales_1.anything"))).isTrue();
        assertThat(f.includes(ns("sales_12.anything"))).isFalse();
        assertThat(f.includes(ns("admin.orders"))).as("a wildcard never selects admin").isFalse();
        assertThat(f.includesDatabase("crm")).isTrue();
        assertThat(f.includesDatabase("other")).isTrue(); // other.orders may exist
        assertThat(NamespaceFilter.of(List.of("shop"), List.of()).includesDatabase("other"))
                .isFalse();
    }

    @Test
    void regexCharactersInNamesAreLiteral() {
        NamespaceFilter f = NamespaceFilter.of(List.of("we.ird.name$x"), List.of());
        assertThat(f.includes(ns("we.ird.name$x"))).isTrue();
        assertThat(f.includes(ns("we.irdXname$x"))).isFalse();
    }

    @Test
    void excludesWinOverIncludes() {
        NamespaceFilter f =
                NamespaceFilter.of(List.of("shop", "crm.*"), List.of("shop.items", "crm"));
        assertThat(f.includes(ns("shop.orders"))).isTrue();
        assertThat(f.includes(ns("shop.items"))).isFalse();
        assertThat(f.includes(ns("crm.orders"))).isFalse();
        assertThat(f.includesDatabase("shop")).isTrue();
        assertThat(f.includesDatabase("crm")).isFalse();
    }

    @Test
    void systemDatabaseOnlyByLiteralInclude() {
        NamespaceFilter f = NamespaceFilter.of(List.of("admin.users"), List.of());
        assertThat(f.includes(ns("admin.users"))).isTrue();
        assertThat(f.includesDatabase("admin")).isTrue();
        assertThat(NamespaceFilter.of(List.of("__dsync"), List.of()).includesDatabase("__dsync"))
                .isFalse();
    }

    @Test
    void malformedEntriesAreRejected() {
        assertThatThrownBy(() -> NamespaceFilter.of(List.of("shop."), List.of()))
                .hasMessageContaining("shop.");
        assertThatThrownBy(() -> NamespaceFilter.of(List.of(".x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamespaceFilter.of(List.of(" "), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isSerializableAndComparable() throws Exception {
        NamespaceFilter f = NamespaceFilter.of(List.of("shop.*"), List.of("shop.items"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        Object back =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertThat(back).isEqualTo(f);
        assertThat(((NamespaceFilter) back).includes(ns("shop.orders"))).isTrue();
    }

    // The match stage is evaluated with mongo-java-server's query matcher, an independent
    // implementation of MongoDB's query language.

    @Test
    void matchStageAgreesWithIncludesForDocumentEvents() {
        for (NamespaceFilter f : filters()) {
            BsonDocument match = f.changeStreamMatch();
            for (String name : NAMESPACES) {
                Namespace ns = ns(name);
                for (String op :
                        List.of("insert", "update", "replace", "delete", "drop", "create")) {
                    assertThat(matches(match, event(op, ns)))
                            .as("%s %s with %s", op, ns, f)
                            .isEqualTo(f.includes(ns));
                }
            }
        }
    }

    @Test
    void matchStageKeepsRenamesIntoOrOutOfTheSelection() {
        NamespaceFilter f = NamespaceFilter.of(List.of("shop"), List.of());
        BsonDocument match = f.changeStreamMatch();
        assertThat(matches(match, rename("shop.a", "shop.b"))).isTrue();
        assertThat(matches(match, rename("shop.a", "crm.b"))).isTrue();
        assertThat(matches(match, rename("crm.a", "shop.b"))).isTrue();
        assertThat(matches(match, rename("crm.a", "crm.b"))).isFalse();
    }

    @Test
    void matchStageKeepsDropDatabaseOfSelectedDatabases() {
        for (NamespaceFilter f : filters()) {
            BsonDocument match = f.changeStreamMatch();
            for (String db : List.of("shop", "crm", "sales_1", "admin", "__dsync", "other")) {
                BsonDocument event =
                        new BsonDocument("operationType", new BsonString("dropDatabase"))
                                .append("ns", new BsonDocument("db", new BsonString(db)));
                assertThat(matches(match, event))
                        .as("dropDatabase %s with %s", db, f)
                        .isEqualTo(f.includesDatabase(db));
            }
        }
    }

    @Test
    void matchStageLetsUnknownEventsThroughToBeRefused() {
        BsonDocument match = NamespaceFilter.of(List.of("shop"), List.of()).changeStreamMatch();
        assertThat(matches(match, new BsonDocument("operationType", new BsonString("invalidate"))))
                .isTrue();
        assertThat(matches(match, event("reshardCollection", ns("shop.orders")))).isTrue();
        assertThat(matches(match, event("reshardCollection", ns("crm.orders")))).isFalse();
    }

    private static List<NamespaceFilter> filters() {
        return List.of(
                NamespaceFilter.all(),
                NamespaceFilter.of(List.of("shop.*", "*.orders", "sales_?"), List.of()),
                NamespaceFilter.of(List.of("shop", "crm.*"), List.of("shop.items", "crm")),
                NamespaceFilter.of(List.of(), List.of("*.orders", "shop.a.*")),
                NamespaceFilter.of(List.of("admin.users", "we.ird.name$x"), List.of()));
    }

    private static Namespace ns(String name) {
        return Namespace.parse(name);
    }

    private static BsonDocument event(String op, Namespace ns) {
        return new BsonDocument("operationType", new BsonString(op)).append("ns", nsDoc(ns));
    }

    private static BsonDocument rename(String from, String to) {
        return event("rename", ns(from)).append("to", nsDoc(ns(to)));
    }

    private static BsonDocument nsDoc(Namespace ns) {
        return new BsonDocument("db", new BsonString(ns.database()))
                .append("coll", new BsonString(ns.collection()));
    }

    private static boolean matches(BsonDocument matchStage, BsonDocument event) {
        return new DefaultQueryMatcher()
                .matches(
                        toServerDocument(event),
                        toServerDocument(matchStage.getDocument("$match")));
    }

    private static Document toServerDocument(BsonDocument doc) {
        RawBsonDocument raw = new RawBsonDocument(doc, new org.bson.codecs.BsonDocumentCodec());
        byte[] bytes = new byte[raw.getByteBuffer().remaining()];
        raw.getByteBuffer().get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }
}
