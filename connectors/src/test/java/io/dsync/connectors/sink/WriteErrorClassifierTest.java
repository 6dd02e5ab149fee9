package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import io.dsync.connectors.sink.WriteErrorClassifier.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WriteErrorClassifierTest {

    private static final ServerAddress SERVER = new ServerAddress("db.example", 27017);

    private static BsonDocument errorResponse(int code, String codeName, String message) {
        return new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(code))
                .append("codeName", new BsonString(codeName))
                .append("errmsg", new BsonString(message));
    }

    @ParameterizedTest
    @ValueSource(
            ints = {6, 7, 50, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 16500})
    void retryableServerCodesAreTransient(int code) {
        assertThat(WriteErrorClassifier.classify(code, "boom", null).transientError()).isTrue();
        MongoCommandException command =
                new MongoCommandException(errorResponse(code, "X", "boom"), SERVER);
        assertThat(WriteErrorClassifier.classify(command).transientError()).isTrue();
    }

    @Test
    void networkErrorsTimeoutsAndTopologyChangesAreTransient() {
        List<Throwable> errors =
                List.of(
                        new MongoSocketOpenException("refused", SERVER, new IOException()),
                        new MongoSocketReadTimeoutException("slow", SERVER, new IOException()),
                        new MongoTimeoutException("no server selected"),
                        new MongoExecutionTimeoutException(50, "maxTimeMS"),
                        new MongoNotPrimaryException(
                                errorResponse(10107, "NotWritablePrimary", "not primary"), SERVER),
                        new MongoNodeIsRecoveringException(
                                errorResponse(11600, "InterruptedAtShutdown", "shutdown"), SERVER));
        for (Throwable error : errors) {
            assertThat(WriteErrorClassifier.classify(error).transientError())
                    .as(error.toString())
                    .isTrue();
        }
    }

    @Test
    void theRetryableWriteErrorLabelMakesAnyErrorTransient() {
        MongoCommandException labelled =
                new MongoCommandException(
                        errorResponse(12345, "Unknown", "odd")
                                .append(
                                        "errorLabels",
                                        new org.bson.BsonArray(
                                                List.of(new BsonString("RetryableWriteError")))),
                        SERVER);
        assertThat(labelled.hasErrorLabel("RetryableWriteError")).isTrue();
        assertThat(WriteErrorClassifier.classify(labelled).transientError()).isTrue();
        assertThat(
                        WriteErrorClassifier.classify(
                                        new MongoCommandException(
                                                errorResponse(12345, "Unknown", "odd"), SERVER))
                                .transientError())
                .isFalse();
    }

    @Test
    void cosmosThrottlingHonoursRetryAfterMs() {
        Verdict verdict =
                WriteErrorClassifier.classify(
                        16500,
                        "Error=16500, RetryAfterMs=1234, Details='Response status code does not"
                                + " indicate success: TooManyRequests (429)'",
                        null);
        assertThat(verdict.transientError()).isTrue();
        assertThat(verdict.retryAfter()).contains(Duration.ofMillis(1234));

        Verdict fromDetails =
                WriteErrorClassifier.classify(
                        16500,
                        "Request rate is large",
                        new BsonDocument("RetryAfterMs", new BsonInt32(77)));
        assertThat(fromDetails.retryAfter()).contains(Duration.ofMillis(77));

        assertThat(WriteErrorClassifier.classify(16500, "Request rate is large", null).retryAfter())
                .isEmpty();
    }

    @Test
    void permanentErrorsCarryAdvice() {
        assertThat(WriteErrorClassifier.classify(11000, "E11000 duplicate key", null))
                .isEqualTo(Verdict.fail(WriteErrorClassifier.DUPLICATE_KEY_ADVICE));
        for (int tooLarge : new int[] {10334, 17419}) {
            assertThat(WriteErrorClassifier.classify(tooLarge, "BSONObjectTooLarge", null))
                    .isEqualTo(Verdict.fail(WriteErrorClassifier.TOO_LARGE_ADVICE));
        }
        assertThat(WriteErrorClassifier.classify(2, "object to insert too large", null))
                .isEqualTo(Verdict.fail(WriteErrorClassifier.TOO_LARGE_ADVICE));
        assertThat(WriteErrorClassifier.classify(2, "bad value", null))
                .isEqualTo(Verdict.fail(WriteErrorClassifier.GENERIC_ADVICE));
        assertThat(WriteErrorClassifier.classify(121, "Document failed validation", null))
                .isEqualTo(Verdict.fail(WriteErrorClassifier.VALIDATION_ADVICE));
        for (int auth : new int[] {13, 18}) {
            assertThat(WriteErrorClassifier.classify(auth, "not authorized", null))
                    .isEqualTo(Verdict.fail(WriteErrorClassifier.AUTH_ADVICE));
        }
        MongoSecurityException security =
                new MongoSecurityException(
                        MongoCredential.createCredential("u", "admin", "p".toCharArray()),
                        "Exception authenticating");
        assertThat(WriteErrorClassifier.classify(security).advice())
                .isEqualTo(WriteErrorClassifier.AUTH_ADVICE);
        assertThat(WriteErrorClassifier.classify(new IllegalStateException("bug")).transientError())
                .isFalse();
    }

    @Test
    void bulkAndWriteConcernExceptionsAreClassifiedByTheirServerErrors() {
        MongoBulkWriteException duplicate =
                new MongoBulkWriteException(
                        BulkWriteResult.unacknowledged(),
                        List.of(new BulkWriteError(11000, "E11000", new BsonDocument(), 0)),
                        null,
                        SERVER,
                        Set.of());
        assertThat(WriteErrorClassifier.classify(duplicate).transientError()).isFalse();

        WriteConcernError timeout =
                new WriteConcernError(
                        64,
                        "WriteConcernFailed",
                        "waiting for replication timed out",
                        new BsonDocument());
        MongoBulkWriteException concern =
                new MongoBulkWriteException(
                        BulkWriteResult.unacknowledged(), List.of(), timeout, SERVER, Set.of());
        assertThat(WriteErrorClassifier.classify(concern).transientError()).isTrue();
        assertThat(
                        WriteErrorClassifier.classify(
                                        new MongoWriteConcernException(timeout, SERVER))
                                .transientError())
                .isTrue();
        assertThat(
                        WriteErrorClassifier.classify(new MongoException(91, "shutdown"))
                                .transientError())
                .isTrue();
    }
}
