package io.dsync.mongoserver.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// MongoDB manual, "Retryable Writes": a retried write (same lsid and txnNumber) is applied once
class RetryableWritesTest {

    private final RetryableWrites writes = new RetryableWrites();
    private final AtomicInteger executions = new AtomicInteger();
    private final Document lsid = new Document("id", UUID.randomUUID());

    private Document insert(long txnNumber) {
        return new Document("insert", "c").append("lsid", lsid).append("txnNumber", txnNumber);
    }

    private Document run(Document command) {
        return writes.run(
                "insert",
                command,
                () -> new Document("n", executions.incrementAndGet()).append("ok", 1.0));
    }

    @Test
    void retryWithSameTxnNumberReturnsFirstReplyWithoutExecuting() {
        Document first = run(insert(1));
        Document retry = run(insert(1));
        assertThat(executions).hasValue(1);
        assertThat(retry).isEqualTo(first);
        run(insert(2));
        assertThat(executions).hasValue(2);
    }

    @Test
    void olderTxnNumberIsRefused() {
        run(insert(5));
        assertThatThrownBy(() -> run(insert(4)))
                .isInstanceOfSatisfying(
                        MongoServerError.class, e -> assertThat(e.getCode()).isEqualTo(225));
    }

    @Test
    void writesWithoutSessionAlwaysRun() {
        writes.run(
                "insert",
                new Document("insert", "c"),
                () -> new Document("n", executions.incrementAndGet()));
        writes.run(
                "insert",
                new Document("insert", "c"),
                () -> new Document("n", executions.incrementAndGet()));
        assertThat(executions).hasValue(2);
    }

    @Test
    void transactionsAreRefused() {
        Document command = insert(1).append("autocommit", false).append("startTransaction", true);
        assertThatThrownBy(() -> run(command))
                .isInstanceOfSatisfying(
                        MongoServerError.class, e -> assertThat(e.getCode()).isEqualTo(20));
    }
}
