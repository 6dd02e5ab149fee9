package io.dsync.connectors.source;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.sink.DestinationSchema;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.connectors.source.snapshot.IdRange;
import io.dsync.connectors.source.snapshot.IdRangeSplitter;
import io.dsync.connectors.source.snapshot.SplitOptions;
import java.util.Iterator;
import java.util.List;

/**
 * The enumerator's I/O against the source and the destination: splitting collections and preparing
 * destination collections. Runs on the enumerator's worker thread; one client per side, opened on
 * first use and closed with the enumerator.
 */
final class SourceWork implements AutoCloseable {

    private final MigrationSourceConfig config;
    private MongoClient source;
    private MongoClient destination;
    private DestinationSchema schema;
    private IdRangeSplitter splitter;

    SourceWork(MigrationSourceConfig config) {
        this.config = config;
    }

    synchronized MongoClient sourceClient() {
        if (source == null) {
            source = ForcedConsistency.client(config.sourceUri());
        }
        return source;
    }

    private synchronized DestinationSchema schema() {
        if (schema == null) {
            destination = ForcedConsistency.client(config.destinationUri());
            schema = new DestinationSchema(sourceClient(), destination, config.mapping());
        }
        return schema;
    }

    /** Creates the destination collection with the source's options (and indexes, if before). */
    void prepareDestination(Namespace namespace) {
        schema().createCollection(namespace);
        if (config.indexCopyMode() == IndexCopyMode.BEFORE_COPY) {
            schema().copyIndexes(namespace);
        }
    }

    void copyIndexes(Namespace namespace) {
        schema().copyIndexes(namespace);
    }

    /**
     * The ranges of a collection: one natural-order range for a capped collection (its insertion
     * order is its content: connectors/README.md, "Capped collections"), else the splitter's.
     */
    synchronized Iterator<IdRange> split(Namespace namespace) {
        if (splitter == null) {
            splitter =
                    config.splitter()
                            .create(
                                    SplitOptions.builder()
                                            .targetRangeBytes(config.targetRangeBytes())
                                            .build());
        }
        if (SourceCatalog.isCapped(sourceClient(), namespace)) {
            return List.of(IdRange.naturalOrder(namespace, IdRangeSplitter.rangeId(namespace, 0)))
                    .iterator();
        }
        return splitter.split(sourceClient(), namespace);
    }

    @Override
    public synchronized void close() {
        if (source != null) {
            source.close();
        }
        if (destination != null) {
            destination.close();
        }
    }
}
