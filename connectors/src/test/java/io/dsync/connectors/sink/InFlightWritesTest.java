package io.dsync.connectors.sink;

import static io.dsync.connectors.sink.TestRecords.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InFlightWritesTest {

    private static final Namespace A = Namespace.parse("db.a");
    private static final Namespace B = Namespace.parse("db.b");

    @Test
    void batchesAreWrittenInTheOrderTheyWereSubmittedAndDrainWaitsForAll() throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try (InFlightWrites writes =
                new InFlightWrites(
                        (destination, records) -> {
                            Thread.sleep(5);
                            written.add(destination + ":" + version(records));
                        },
                        2,
                        "test writes")) {
            for (int i = 0; i < 20; i++) {
                writes.submit(i % 2 == 0 ? A : B, batch(i));
            }
            writes.drain();
            assertThat(writes.outstanding()).isZero();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add((i % 2 == 0 ? A : B) + ":v" + i);
        }
        assertThat(written).containsExactlyElementsOf(expected);
    }

    @Test
    void submitReturnsWhileTheWriteRunsAndWaitsOnlyBeyondTheLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (InFlightWrites writes =
                new InFlightWrites(
                        (destination, records) -> {
                            started.countDown();
                            release.await();
                        },
                        2,
                        "test writes")) {
            writes.submit(A, batch(1));
            writes.submit(A, batch(2));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(writes.outstanding()).isEqualTo(2);

            AtomicReference<Throwable> thirdFailed = new AtomicReference<>();
            Thread third =
                    new Thread(
                            () -> {
                                try {
                                    writes.submit(A, batch(3));
                                } catch (Throwable t) {
                                    thirdFailed.set(t);
                                }
                            });
            third.start();
            third.join(200);
            assertThat(third.isAlive()).as("a third batch waits for the first").isTrue();
            release.countDown();
            third.join(10_000);
            assertThat(third.isAlive()).isFalse();
            assertThat(thirdFailed.get()).isNull();
        }
    }

    @Test
    void aFailedWriteIsReportedFirstAndTheBatchesBehindItAreNotSent() throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        IOException refused = new IOException("refused by the destination");
        CountDownLatch bothSubmitted = new CountDownLatch(1);
        try (InFlightWrites writes =
                new InFlightWrites(
                        (destination, records) -> {
                            String version = version(records);
                            if (version.equals("v1")) {
                                bothSubmitted.await();
                                throw refused;
                            }
                            written.add(version);
                        },
                        3,
                        "test writes")) {
            writes.submit(A, batch(1));
            writes.submit(B, batch(2));
            bothSubmitted.countDown();
            assertThatThrownBy(writes::drain).isSameAs(refused);
            assertThatThrownBy(writes::drain)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("db.b")
                    .hasMessageContaining("an earlier write failed")
                    .hasCause(refused);
            writes.submit(A, batch(3));
            assertThatThrownBy(writes::drain).hasCause(refused);
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aFailureIsReportedAtTheNextSubmitOnceTheWriteHasFinished() throws Exception {
        IOException refused = new IOException("refused by the destination");
        try (InFlightWrites writes =
                new InFlightWrites(
                        (destination, records) -> {
                            throw refused;
                        },
                        4,
                        "test writes")) {
            writes.submit(A, batch(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Throwable reported = null;
            while (reported == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
                try {
                    writes.submit(A, batch(2));
                } catch (IOException e) {
                    reported = e;
                }
            }
            assertThat(reported).isSameAs(refused);
        }
    }

    @Test
    void drainReportsAFailureWithTheWritesOwnException() throws Exception {
        IllegalStateException bug = new IllegalStateException("bug");
        try (InFlightWrites writes =
                new InFlightWrites(
                        (destination, records) -> {
                            throw bug;
                        },
                        1,
                        "test writes")) {
            writes.submit(A, batch(1));
            assertThatThrownBy(writes::drain).isSameAs(bug);
            assertThat(writes.outstanding()).isZero();
        }
    }

    @Test
    void closeInterruptsAWriteInProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        InFlightWrites writes =
                new InFlightWrites(
                        (destination, records) -> {
                            started.countDown();
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                interrupted.countDown();
                                throw e;
                            }
                        },
                        1,
                        "test writes");
        writes.submit(A, batch(1));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        writes.close();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void atLeastOneBatchInFlight() {
        assertThatThrownBy(() -> new InFlightWrites((d, r) -> {}, 0, "test writes"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<ChangeRecord> batch(int version) {
        return List.of(insert("src.a", version, "v" + version, version));
    }

    private static String version(Collection<ChangeRecord> records) {
        byte[] document = records.iterator().next().document();
        return new org.bson.RawBsonDocument(document).getString("v").getValue();
    }
}
