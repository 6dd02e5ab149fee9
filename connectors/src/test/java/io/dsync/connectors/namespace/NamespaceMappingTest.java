package io.dsync.connectors.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceMappingTest {

    private static Namespace ns(String fullName) {
        return Namespace.parse(fullName);
    }

    @Test
    void unmappedNamespacesMapToThemselves() {
        NamespaceMapping mapping = NamespaceMapping.parse("sales:sales_v2");
        assertThat(mapping.map(ns("hr.people"))).isEqualTo(ns("hr.people"));
        assertThat(mapping.mapDatabase("hr")).isEqualTo("hr");
        assertThat(NamespaceMapping.identity().map(ns("a.b"))).isEqualTo(ns("a.b"));
        assertThat(NamespaceMapping.identity().isIdentity()).isTrue();
        assertThat(NamespaceMapping.parse(List.of())).isEqualTo(NamespaceMapping.identity());
    }

    @Test
    void databaseRuleRenamesEveryCollectionOfTheDatabase() {
        NamespaceMapping mapping = NamespaceMapping.parse("sales:sales_v2");
        assertThat(mapping.map(ns("sales.orders"))).isEqualTo(ns("sales_v2.orders"));
        assertThat(mapping.map(ns("sales.a.b.c"))).isEqualTo(ns("sales_v2.a.b.c"));
        assertThat(mapping.mapDatabase("sales")).isEqualTo("sales_v2");
    }

    @Test
    void collectionRuleBeatsDatabaseRule() {
        NamespaceMapping mapping =
                NamespaceMapping.parse("sales:sales_v2", "sales.orders:archive.orders_2024");
        assertThat(mapping.map(ns("sales.orders"))).isEqualTo(ns("archive.orders_2024"));
        assertThat(mapping.map(ns("sales.customers"))).isEqualTo(ns("sales_v2.customers"));
        assertThat(mapping.collectionRules())
                .containsEntry(ns("sales.orders"), ns("archive.orders_2024"));
        assertThat(mapping.databaseRules()).containsEntry("sales", "sales_v2");
    }

    @Test
    void collectionNamesMayContainDots() {
        NamespaceMapping mapping = NamespaceMapping.parse("db.a.b:other.c.d");
        assertThat(mapping.map(ns("db.a.b"))).isEqualTo(ns("other.c.d"));
    }

    @Test
    void rejectsMalformedEntries() {
        for (String entry :
                List.of(
                        "sales",
                        "sales:",
                        ":sales",
                        "a:b:c",
                        "sales:archive.orders",
                        "sales.orders:archive",
                        ".orders:a.b",
                        "a.:b.c",
                        "sa/les:x",
                        "a.b:c.d$e")) {
            assertThatThrownBy(() -> NamespaceMapping.parse(entry))
                    .as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Malformed --map entry '" + entry + "'");
        }
    }

    @Test
    void rejectsTwoRulesForTheSameSource() {
        assertThatThrownBy(() -> NamespaceMapping.parse("sales:a", "sales:b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Two --map rules for the source 'sales'");
        assertThatThrownBy(() -> NamespaceMapping.parse("s.o:a.b", "s.o:a.c"))
                .hasMessageContaining("Two --map rules for the source 's.o'");
    }

    @Test
    void rejectsTwoCollectionsMappedToTheSameDestination() {
        assertThatThrownBy(() -> NamespaceMapping.parse("s.a:t.x", "s.b:t.x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both write into t.x");
    }

    @Test
    void rejectsReservedDestinationDatabases() {
        for (String entry : List.of("sales:admin", "sales.o:local.o", "sales:config")) {
            assertThatThrownBy(() -> NamespaceMapping.parse(entry))
                    .as(entry)
                    .hasMessageContaining("reserved database");
        }
    }

    @Test
    void detectsCollisionsAmongActualSourceNamespaces() {
        NamespaceMapping mapping = NamespaceMapping.parse("a:c", "b:c");
        mapping.requireDistinctDestinations(List.of(ns("a.x"), ns("b.y")));
        assertThatThrownBy(
                        () ->
                                mapping.requireDistinctDestinations(
                                        List.of(ns("a.x"), ns("b.x"), ns("b.y"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a.x, b.x] -> c.x");
        NamespaceMapping intoExisting = NamespaceMapping.parse("s.o:t.o2");
        assertThatThrownBy(
                        () ->
                                intoExisting.requireDistinctDestinations(
                                        List.of(ns("s.o"), ns("t.o2"))))
                .hasMessageContaining("-> t.o2");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        NamespaceMapping mapping =
                NamespaceMapping.parse("sales:sales_v2", "sales.orders:archive.orders_2024");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(mapping);
        }
        Object copy =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertThat(copy).isEqualTo(mapping);
        assertThat(((NamespaceMapping) copy).map(ns("sales.orders")))
                .isEqualTo(ns("archive.orders_2024"));
    }
}
