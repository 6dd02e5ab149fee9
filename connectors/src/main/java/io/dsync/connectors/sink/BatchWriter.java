package io.dsync.connectors.sink;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.sink.WriteErrorClassifier.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one destination namespace's batch as one unordered bulk write, retrying only the failed
 * operations of transient errors with exponential backoff, and failing at once on permanent ones.
 *
 * <p>Every operation is idempotent: a record with a document becomes {@code replaceOne({_id: v},
 * document, upsert)}, a delete becomes {@code deleteOne({_id: v})}. The filter is the record's key
 * bytes (already {@code {_id: v}}) and the replacement is the document bytes as received. A batch
 * holds one record per key, and the writer sends nothing else for the namespace until the batch is
 * done, so retrying part of it cannot reorder writes of one document.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/method/db.collection.bulkWrite/">
 *     bulkWrite (unordered)</a>
 */
final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoClient client;
    private final RetryPolicy retryPolicy;
    private final BulkWriteOptions bulkWriteOptions;
    private final WriteRateLimiter rateLimiter;
    private final SinkMetrics metrics;
    private final Sleeper sleeper;

    BatchWriter(
            MongoClient client,
            WriteOptions options,
            WriteRateLimiter rateLimiter,
            SinkMetrics metrics,
            Sleeper sleeper) {
        this.client = client;
        this.retryPolicy = options.retryPolicy();
        this.bulkWriteOptions =
                new BulkWriteOptions()
                        .ordered(false)
                        .bypassDocumentValidation(
                                options.bypassDocumentValidation() ? Boolean.TRUE : null);
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.sleeper = sleeper;
    }

    /** Builds the write operation of one record. */
    static WriteModel<RawBsonDocument> toWriteModel(ChangeRecord record) {
        RawBsonDocument filter = new RawBsonDocument(record.key());
        if (record.kind() == ChangeRecord.Kind.DELETE) {
            return new DeleteOneModel<>(filter);
        }
        return new ReplaceOneModel<>(filter, new RawBsonDocument(record.document()), UPSERT);
    }

    /** Writes the records (one per key) to the destination namespace. */
    void write(Namespace destination, Collection<ChangeRecord> records)
            throws IOException, InterruptedException {
        MongoCollection<RawBsonDocument> collection =
                client.getDatabase(destination.database())
                        .getCollection(destination.collection(), RawBsonDocument.class);
        List<ChangeRecord> remaining = new ArrayList<>(records);
        for (int attempt = 1; ; attempt++) {
            metrics.rateLimitWaited(rateLimiter.acquire(remaining.size()));
            Retry retry = attempt(collection, destination, remaining);
            if (retry == null) {
                metrics.batchWritten();
                return;
            }
            if (attempt >= retryPolicy.maxAttempts()) {
                throw DestinationWriteException.retriesExhausted(
                        destination,
                        retry.records.get(0).key(),
                        retry.records.size(),
                        attempt,
                        String.valueOf(retry.cause.getMessage()),
                        retry.cause);
            }
            Duration backoff = retryPolicy.backoffBeforeRetry(attempt);
            if (retry.retryAfter.isPresent() && retry.retryAfter.get().compareTo(backoff) > 0) {
                backoff = retry.retryAfter.get();
            }
            LOG.warn(
                    "Transient error writing {} document(s) to {} (attempt {} of {}), retrying in"
                            + " {} ms: {}",
                    retry.records.size(),
                    destination,
                    attempt,
                    retryPolicy.maxAttempts(),
                    backoff.toMillis(),
                    retry.cause.toString());
            sleeper.sleep(backoff);
            metrics.retried();
            remaining = retry.records;
        }
    }

    /**
     * Writes the records: one unordered bulk write, plus delete-then-insert for the documents
     * MongoDB refuses as replacements ({@link TopLevelDollarFields}); returns what to retry, or
     * null when every operation succeeded. Keys are distinct within a batch, so the two parts never
     * touch the same document.
     */
    private Retry attempt(
            MongoCollection<RawBsonDocument> collection,
            Namespace destination,
            List<ChangeRecord> records)
            throws DestinationWriteException, InterruptedException {
        List<ChangeRecord> replaceable = new ArrayList<>(records.size());
        List<ChangeRecord> dollar = new ArrayList<>();
        for (ChangeRecord record : records) {
            boolean refusedAsReplacement =
                    record.kind() != ChangeRecord.Kind.DELETE
                            && TopLevelDollarFields.present(record.document());
            (refusedAsReplacement ? dollar : replaceable).add(record);
        }
        Retry retry =
                replaceable.isEmpty() ? null : attemptBulk(collection, destination, replaceable);
        for (ChangeRecord record : dollar) {
            Retry one = attemptDeleteThenInsert(collection, destination, record);
            if (one != null) {
                List<ChangeRecord> all = new ArrayList<>(retry == null ? List.of() : retry.records);
                all.add(record);
                retry =
                        new Retry(
                                all,
                                longer(
                                        retry == null ? Optional.empty() : retry.retryAfter,
                                        one.retryAfter),
                                one.cause);
            }
        }
        return retry;
    }

    private Retry attemptDeleteThenInsert(
            MongoCollection<RawBsonDocument> collection, Namespace destination, ChangeRecord record)
            throws DestinationWriteException, InterruptedException {
        RawBsonDocument filter = new RawBsonDocument(record.key());
        try {
            collection.bulkWrite(
                    List.of(
                            new DeleteOneModel<>(filter),
                            new InsertOneModel<>(new RawBsonDocument(record.document()))),
                    new BulkWriteOptions()
                            .ordered(true)
                            .bypassDocumentValidation(
                                    bulkWriteOptions.getBypassDocumentValidation()));
            metrics.written(destination, List.of(record));
            return null;
        } catch (MongoInterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedException interrupted = new InterruptedException(e.getMessage());
            interrupted.initCause(e);
            throw interrupted;
        } catch (MongoBulkWriteException e) {
            BulkWriteError error = e.getWriteErrors().isEmpty() ? null : e.getWriteErrors().get(0);
            Verdict verdict =
                    error == null
                            ? WriteErrorClassifier.classify(e)
                            : WriteErrorClassifier.classify(
                                    error.getCode(), error.getMessage(), error.getDetails());
            if (!verdict.transientError()) {
                throw DestinationWriteException.permanent(
                        destination, record.key(), 1, e.getMessage(), verdict.advice(), e);
            }
            return new Retry(List.of(record), verdict.retryAfter(), e);
        } catch (RuntimeException e) {
            Verdict verdict = WriteErrorClassifier.classify(e);
            if (!verdict.transientError()) {
                throw DestinationWriteException.permanent(
                        destination, record.key(), 1, e.toString(), verdict.advice(), e);
            }
            return new Retry(List.of(record), verdict.retryAfter(), e);
        }
    }

    /** One unordered bulk write; returns what to retry, or null when every operation succeeded. */
    private Retry attemptBulk(
            MongoCollection<RawBsonDocument> collection,
            Namespace destination,
            List<ChangeRecord> records)
            throws DestinationWriteException, InterruptedException {
        List<WriteModel<RawBsonDocument>> models = new ArrayList<>(records.size());
        for (ChangeRecord record : records) {
            models.add(toWriteModel(record));
        }
        try {
            collection.bulkWrite(models, bulkWriteOptions);
            metrics.written(destination, records);
            return null;
        } catch (MongoInterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedException interrupted = new InterruptedException(e.getMessage());
            interrupted.initCause(e);
            throw interrupted;
        } catch (MongoBulkWriteException e) {
            return partialFailure(destination, records, e);
        } catch (RuntimeException e) {
            Verdict verdict = WriteErrorClassifier.classify(e);
            if (!verdict.transientError()) {
                throw DestinationWriteException.permanent(
                        destination,
                        records.size() == 1 ? records.get(0).key() : null,
                        records.size(),
                        e.toString(),
                        verdict.advice(),
                        e);
            }
            return new Retry(records, verdict.retryAfter(), e);
        }
    }

    private Retry partialFailure(
            Namespace destination, List<ChangeRecord> records, MongoBulkWriteException e)
            throws DestinationWriteException {
        Set<Integer> failed = new HashSet<>();
        Optional<Duration> retryAfter = Optional.empty();
        for (BulkWriteError error : e.getWriteErrors()) {
            Verdict verdict =
                    WriteErrorClassifier.classify(
                            error.getCode(), error.getMessage(), error.getDetails());
            ChangeRecord record = records.get(error.getIndex());
            if (!verdict.transientError()) {
                throw DestinationWriteException.permanent(
                        destination,
                        record.key(),
                        records.size(),
                        error.getMessage() + " (error code " + error.getCode() + ")",
                        verdict.advice(),
                        e);
            }
            failed.add(error.getIndex());
            retryAfter = longer(retryAfter, verdict.retryAfter());
        }
        WriteConcernError concernError = e.getWriteConcernError();
        if (concernError != null) {
            // The operations were applied but not acknowledged as durable: retry them all.
            Verdict verdict =
                    WriteErrorClassifier.classify(
                            concernError.getCode(),
                            concernError.getMessage(),
                            concernError.getDetails());
            if (!verdict.transientError()) {
                throw DestinationWriteException.permanent(
                        destination,
                        null,
                        records.size(),
                        "write concern error: "
                                + concernError.getMessage()
                                + " (error code "
                                + concernError.getCode()
                                + ")",
                        verdict.advice(),
                        e);
            }
            return new Retry(records, longer(retryAfter, verdict.retryAfter()), e);
        }
        List<ChangeRecord> succeeded = new ArrayList<>(records.size() - failed.size());
        List<ChangeRecord> toRetry = new ArrayList<>(failed.size());
        for (int i = 0; i < records.size(); i++) {
            (failed.contains(i) ? toRetry : succeeded).add(records.get(i));
        }
        metrics.written(destination, succeeded);
        if (toRetry.isEmpty()) {
            return null; // cannot happen for a well-formed exception; nothing left to do
        }
        return new Retry(toRetry, retryAfter, e);
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }

    /** Operations to send again, the wait the server asked for, and the error that caused it. */
    private record Retry(
            List<ChangeRecord> records, Optional<Duration> retryAfter, RuntimeException cause) {}
}
