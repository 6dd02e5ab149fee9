package io.dsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.snapshot.IdRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeOrderTest {

    private final Map<String, NamespaceProgress> namespaces = new LinkedHashMap<>();
    private final List<SnapshotSplit> waiting = new ArrayList<>();

    @Test
    void readersAskingTogetherStartOnDifferentCollections() {
        ranges("db.a", 3);
        ranges("db.b", 2);
        assertThat(assignNext()).isEqualTo("db.a#0");
        assertThat(assignNext()).isEqualTo("db.b#0");
        assertThat(assignNext()).isEqualTo("db.a#1");
        assertThat(assignNext()).isEqualTo("db.b#1");
        assertThat(assignNext()).isEqualTo("db.a#2");
        assertThat(waiting).isEmpty();
    }

    @Test
    void aFinishedRangeFreesItsNamespaceAgain() {
        ranges("db.a", 3);
        ranges("db.b", 1);
        assertThat(assignNext()).isEqualTo("db.a#0");
        assertThat(assignNext()).isEqualTo("db.b#0");
        namespaces.get("db.a").openRanges.remove("db.a#0");
        // a is copied by nobody now, b by one reader
        assertThat(assignNext()).isEqualTo("db.a#1");
        assertThat(assignNext()).isEqualTo("db.a#2");
    }

    @Test
    void oneCollectionKeepsItsRangeOrder() {
        ranges("db.a", 4);
        for (int i = 0; i < 4; i++) {
            assertThat(assignNext()).isEqualTo("db.a#" + i);
        }
    }

    private void ranges(String namespace, int count) {
        NamespaceProgress progress = new NamespaceProgress();
        for (int i = 0; i < count; i++) {
            String id = namespace + "#" + i;
            progress.openRanges.add(id);
            waiting.add(new SnapshotSplit(IdRange.whole(Namespace.parse(namespace), id), null));
        }
        namespaces.put(namespace, progress);
    }

    private String assignNext() {
        return waiting.remove(RangeOrder.next(waiting, namespaces)).splitId();
    }
}
