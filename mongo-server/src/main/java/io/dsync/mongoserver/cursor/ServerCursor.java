package io.dsync.mongoserver.cursor;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.aggregation.stage.ProjectStage;
import de.bwaldvogel.mongo.bson.Document;
import io.dsync.mongoserver.bson.EncodedDocument;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A query cursor that pulls documents lazily from a {@link DocumentSource}: it filters, skips,
 * limits and projects as it goes, so every batch costs only its own documents (a full scan stays
 * linear however many {@code getMore}s it takes). A batch holds {@link Document}s or, for stored
 * documents returned whole, their {@link EncodedDocument}s.
 */
public final class ServerCursor {

    private final String namespace;
    private final Object lock;
    private final DocumentSource source;
    private final Document filter;
    private final DefaultQueryMatcher matcher = new DefaultQueryMatcher();
    private final Function<Document, Object> output;
    private long skipRemaining;
    private long limitRemaining; // < 0: no limit
    private Object pending;
    private boolean exhausted;
    private long id;
    private volatile long lastUsedNanos = System.nanoTime();

    private ServerCursor(Builder builder) {
        this.namespace = builder.namespace;
        this.lock = builder.lock != null ? builder.lock : this;
        this.source = builder.source;
        this.filter = builder.filter == null || builder.filter.isEmpty() ? null : builder.filter;
        this.skipRemaining = builder.skip;
        this.limitRemaining = builder.limit > 0 ? builder.limit : -1;
        this.output = outputFunction(builder.projection, builder.copyDocuments);
    }

    public static Builder builder(String namespace, DocumentSource source) {
        return new Builder(namespace, source);
    }

    /** A cursor over documents already computed (aggregation results, sorted results...). */
    public static ServerCursor ofList(String namespace, List<Document> documents) {
        var iterator = documents.iterator();
        return builder(namespace, () -> iterator.hasNext() ? iterator.next() : null).build();
    }

    private static Function<Document, Object> outputFunction(Document projection, boolean copy) {
        if (projection != null && !projection.isEmpty()) {
            ProjectStage stage = new ProjectStage(projection);
            // The stored document's top-level fields are replaced (never their values changed in
            // place) by updates, so a projection made under the lock is a stable snapshot.
            return document ->
                    ProjectedFieldOrder.like(
                            stage.apply(Stream.of(document)).findFirst().orElseThrow(), document);
        }
        if (!copy) {
            return document -> document;
        }
        // Encoded under the lock: an exact snapshot, sized once, written to the reply as is.
        ByteBuf scratch = Unpooled.buffer(1024);
        return document -> EncodedDocument.of(document, scratch);
    }

    public String namespace() {
        return namespace;
    }

    public long id() {
        return id;
    }

    void assignId(long id) {
        this.id = id;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Whether the last batch ended the results (the reply then carries cursor id 0). */
    public synchronized boolean exhausted() {
        return exhausted;
    }

    /**
     * Takes up to {@code maxCount} documents (and no more than 16 MiB of them): {@link Document}s
     * or {@link EncodedDocument}s, to be put in a reply.
     */
    public synchronized List<Object> nextBatch(int maxCount) {
        lastUsedNanos = System.nanoTime();
        List<Object> batch = new ArrayList<>();
        long bytes = 0;
        synchronized (lock) {
            while (!exhausted) {
                if (pending == null) {
                    pending = pull();
                    if (pending == null) {
                        exhausted = true;
                        break;
                    }
                }
                if (batch.size() >= maxCount) {
                    break;
                }
                int size = BsonSize.ofReplyDocument(pending);
                if (!batch.isEmpty() && bytes + size > BatchLimits.MAX_BATCH_BYTES) {
                    break;
                }
                batch.add(pending);
                bytes += size;
                pending = null;
            }
        }
        return batch;
    }

    private Object pull() {
        while (limitRemaining != 0) {
            Document candidate = source.next();
            if (candidate == null) {
                return null;
            }
            if (filter != null && !matcher.matches(candidate, filter)) {
                continue;
            }
            if (skipRemaining > 0) {
                skipRemaining--;
                continue;
            }
            if (limitRemaining > 0) {
                limitRemaining--;
            }
            return output.apply(candidate);
        }
        return null;
    }

    /** Describes a cursor; see {@link ServerCursor#builder}. */
    public static final class Builder {
        private final String namespace;
        private final DocumentSource source;
        private Object lock;
        private Document filter;
        private Document projection;
        private long skip;
        private long limit;
        private boolean copyDocuments;

        private Builder(String namespace, DocumentSource source) {
            this.namespace = namespace;
            this.source = source;
        }

        /** The monitor the source must be read under (the collection for stored documents). */
        public Builder lock(Object lock) {
            this.lock = lock;
            return this;
        }

        /** Candidates not matching this query filter are dropped. */
        public Builder filter(Document filter) {
            this.filter = filter;
            return this;
        }

        public Builder projection(Document projection) {
            this.projection = projection;
            return this;
        }

        public Builder skip(long skip) {
            this.skip = skip;
            return this;
        }

        /** At most this many documents in all; 0 for no limit. */
        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Copy each document when it is taken, as its {@link EncodedDocument} unless projected (the
         * source yields live stored documents).
         */
        public Builder copyDocuments(boolean copyDocuments) {
            this.copyDocuments = copyDocuments;
            return this;
        }

        public ServerCursor build() {
            return new ServerCursor(this);
        }
    }
}
