package io.dsync.mongoserver.changestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.mongoserver.LogicalClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded oplog: order, retention, lookup by cluster time. */
class OplogTest {

    private final LogicalClock clock = new LogicalClock();

    @Test
    void appendsInClusterTimeOrderWithOneTickEach() {
        Oplog oplog = new Oplog(clock, 10);
        long before = clock.current().getValue();
        OplogEntry first = append(oplog);
        OplogEntry second = append(oplog);
        assertThat(first.clusterTime()).isGreaterThan(before);
        assertThat(second.clusterTime()).isGreaterThan(first.clusterTime());
        assertThat(clock.current().getValue()).isEqualTo(second.clusterTime());
        assertThat(oplog.snapshot()).isEqualTo(new Oplog.Snapshot(2, second.clusterTime()));
    }

    @Test
    void keepsOnlyTheRetainedEntriesAndLosesOlderHistory() {
        Oplog oplog = new Oplog(clock, 3);
        List<OplogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(append(oplog));
        }
        List<OplogEntry> read = new ArrayList<>();
        assertThat(oplog.read(0, 10, read)).isFalse();
        assertThat(oplog.read(2, 10, read)).isTrue();
        assertThat(read).containsExactlyElementsOf(entries.subList(2, 5));
        // After entry 1 (the last dropped) everything is still there; after entry 0 it is not.
        assertThat(oplog.sequenceAfter(entries.get(1).clusterTime())).isEqualTo(2);
        assertThat(oplog.sequenceAfter(entries.get(0).clusterTime())).isEqualTo(-1);
        assertThat(oplog.retainsHistoryAfter(entries.get(1).clusterTime())).isTrue();
        assertThat(oplog.retainsHistoryAfter(entries.get(1).clusterTime() - 1)).isFalse();
    }

    @Test
    void historyStartsWhenTheOplogIsCreated() {
        long created = clock.current().getValue();
        Oplog oplog = new Oplog(clock, 3);
        assertThat(oplog.sequenceAfter(created - 1)).isZero();
        assertThat(oplog.sequenceAfter(created - 2)).isEqualTo(-1);
    }

    @Test
    void findsEntriesByClusterTimeAcrossRingGrowthAndWrapping() {
        Oplog oplog = new Oplog(clock, 3000);
        List<OplogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            entries.add(append(oplog));
        }
        for (int i = 2000; i < 5000; i += 97) {
            OplogEntry entry = entries.get(i);
            assertThat(oplog.entryAt(entry.clusterTime())).isSameAs(entry);
            assertThat(oplog.sequenceAfter(entry.clusterTime())).isEqualTo(i + 1);
            assertThat(oplog.sequenceAfter(entry.clusterTime() - 1)).isEqualTo(i);
        }
        assertThat(oplog.entryAt(entries.get(1999).clusterTime())).isNull();
        assertThat(oplog.sequenceAfter(entries.get(4999).clusterTime())).isEqualTo(5000);
    }

    @Test
    void awaitReturnsWhenAnEntryArrives() throws Exception {
        Oplog oplog = new Oplog(clock, 10);
        Thread writer =
                new Thread(
                        () -> {
                            sleep(100);
                            append(oplog);
                        });
        writer.start();
        oplog.awaitEntry(0, 30_000_000_000L);
        assertThat(oplog.snapshot().endSequence()).isEqualTo(1);
        writer.join();
    }

    @Test
    void refusesAnEmptyOplog() {
        assertThatThrownBy(() -> new Oplog(clock, 0)).hasMessageContaining("at least 1");
    }

    private static OplogEntry append(Oplog oplog) {
        return oplog.append(
                (time, wall) ->
                        new OplogEntry(
                                time,
                                wall,
                                OperationType.DELETE,
                                "db",
                                "c",
                                null,
                                time,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
