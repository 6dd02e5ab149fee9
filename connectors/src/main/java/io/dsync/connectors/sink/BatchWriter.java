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
 * <p>Every operation is idempotent in effect: a delete becomes {@code deleteOne({_id: v})}; an
 * update or replace event becomes {@code replaceOne({_id: v}, document, upsert)}; a snapshot copy
 * or an insert event, which usually finds no document at the destination, is first sent as a plain
 * insert (the cheapest write for the destination, and its reply carries no per-document upsert ids)
 * and, where the destination answers duplicate key because the document is already there (a restart
 * replaying records, or an insert event of a document the copy already wrote), sent again at once
 * as the same replace-upsert. A replace-upsert refused because the document there has an {@code
 * _id} equal under the collation but spelled otherwise (error {@value #IMMUTABLE_FIELD}) is sent as
 * delete-then-insert, so the destination ends with the source's exact {@code _id} bytes. A delete's
 * filter is its event's whole {@code documentKey} ({@code _id} plus a sharded collection's shard
 * key). The effect is exactly the replace-upsert's in every case, including a clash on a unique
 * secondary index, which the replace-upsert reports again and which fails the job as before. The
 * filter is the record's key bytes (already {@code {_id: v}}) and the document is the bytes as
 * received. A batch holds one record per key, and the writer sends nothing else for the namespace
 * until the batch is done, so neither the fallback nor retrying part of a batch can reorder writes
 * of one document.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/reference/method/db.collection.bulkWrite/">
 *     bulkWrite (unordered)</a>
 */
final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /**
     * MongoDB's answer to a replacement whose {@code _id} differs from the stored one's: the {@code
     * _id} index (under the collection's collation) found the document, but the immutable-field
     * check compares {@code _id}s without collation ({@code "a"} vs {@code "A"}). Numbers of
     * different types but equal value pass that check, and the stored {@code _id} takes the
     * replacement's type.
     */
    static final int IMMUTABLE_FIELD = 66;

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

    /** Builds the first write operation of one record (an insert for copies and inserts). */
    static WriteModel<RawBsonDocument> toWriteModel(ChangeRecord record) {
        return toWriteModel(record, true);
    }

    /**
     * Builds the write operation of one record; with {@code insertFirst} false, a copy or an insert
     * event becomes the replace-upsert that follows a duplicate key.
     */
    static WriteModel<RawBsonDocument> toWriteModel(ChangeRecord record, boolean insertFirst) {
        RawBsonDocument filter = new RawBsonDocument(record.key());
        if (record.kind() == ChangeRecord.Kind.DELETE) {
            return new DeleteOneModel<>(filter);
        }
        RawBsonDocument document = new RawBsonDocument(record.document());
        if (insertFirst && writtenAsInsert(record)) {
            return new InsertOneModel<>(document);
        }
        return new ReplaceOneModel<>(filter, document, UPSERT);
    }

    /** Whether the record's first write is an insert: a snapshot copy or an insert event. */
    static boolean writtenAsInsert(ChangeRecord record) {
        return record.kind() == ChangeRecord.Kind.SNAPSHOT
                || record.kind() == ChangeRecord.Kind.INSERT;
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
                replaceable.isEmpty()
                        ? null
                        : attemptBulk(collection, destination, replaceable, true);
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

    /**
     * One unordered bulk write; returns what to retry, or null when every operation succeeded. With
     * {@code insertFirst}, copies and insert events that hit a duplicate key are written again at
     * once as replace-upserts.
     */
    private Retry attemptBulk(
            MongoCollection<RawBsonDocument> collection,
            Namespace destination,
            List<ChangeRecord> records,
            boolean insertFirst)
            throws DestinationWriteException, InterruptedException {
        List<WriteModel<RawBsonDocument>> models = new ArrayList<>(records.size());
        for (ChangeRecord record : records) {
            models.add(toWriteModel(record, insertFirst));
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
            List<ChangeRecord> existing = new ArrayList<>();
            List<ChangeRecord> respelled = new ArrayList<>();
            Retry retry = partialFailure(destination, records, e, insertFirst, existing, respelled);
            for (ChangeRecord record : respelled) {
                retry = merge(retry, attemptDeleteThenInsert(collection, destination, record));
            }
            if (existing.isEmpty()) {
                return retry;
            }
            metrics.insertsReplaced(existing.size());
            Retry again = attemptBulk(collection, destination, existing, false);
            return merge(retry, again);
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

    /**
     * Sorts a bulk write's errors: throws on a permanent one, returns the transiently failed
     * operations to retry (or null), adds to {@code existing} the inserts that found their document
     * already there (with {@code insertFirst}), and to {@code respelled} the replacements refused
     * because the document there has an {@code _id} the index calls equal but spelled otherwise.
     */
    private Retry partialFailure(
            Namespace destination,
            List<ChangeRecord> records,
            MongoBulkWriteException e,
            boolean insertFirst,
            List<ChangeRecord> existing,
            List<ChangeRecord> respelled)
            throws DestinationWriteException {
        Set<Integer> failed = new HashSet<>();
        Set<Integer> duplicates = new HashSet<>();
        Set<Integer> refused = new HashSet<>();
        Optional<Duration> retryAfter = Optional.empty();
        for (BulkWriteError error : e.getWriteErrors()) {
            ChangeRecord record = records.get(error.getIndex());
            if (insertFirst
                    && writtenAsInsert(record)
                    && WriteErrorClassifier.isDuplicateKey(error.getCode())) {
                failed.add(error.getIndex());
                duplicates.add(error.getIndex());
                continue;
            }
            if (record.kind() != ChangeRecord.Kind.DELETE
                    && error.getCode() == IMMUTABLE_FIELD
                    && !(insertFirst && writtenAsInsert(record))) {
                failed.add(error.getIndex());
                refused.add(error.getIndex());
                respelled.add(record);
                continue;
            }
            Verdict verdict =
                    WriteErrorClassifier.classify(
                            error.getCode(), error.getMessage(), error.getDetails());
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
            // the inserts that found their document are retried with the rest (insert first again)
            respelled.clear();
            return new Retry(records, longer(retryAfter, verdict.retryAfter()), e);
        }
        List<ChangeRecord> succeeded = new ArrayList<>(records.size() - failed.size());
        List<ChangeRecord> toRetry = new ArrayList<>(failed.size());
        for (int i = 0; i < records.size(); i++) {
            if (duplicates.contains(i)) {
                existing.add(records.get(i));
            } else if (refused.contains(i)) {
                continue;
            } else if (failed.contains(i)) {
                toRetry.add(records.get(i));
            } else {
                succeeded.add(records.get(i));
            }
        }
        metrics.written(destination, succeeded);
        return toRetry.isEmpty() ? null : new Retry(toRetry, retryAfter, e);
    }

    /** Both retries as one: their records, the longer wait, the later cause. */
    private static Retry merge(Retry first, Retry second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        List<ChangeRecord> all = new ArrayList<>(first.records);
        all.addAll(second.records);
        return new Retry(all, longer(first.retryAfter, second.retryAfter), second.cause);
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
