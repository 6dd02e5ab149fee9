package io.dsync.job.migrate;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.sink.UniqueIndexConversionException;
import io.dsync.connectors.sink.UniqueIndexFinalizer;
import io.dsync.connectors.source.catalog.CollectionInfo;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.job.cli.UserError;
import java.io.PrintStream;
import java.util.List;

/**
 * Finalizes a migration once the writes have stopped: the unique indexes, created non-unique while
 * the migration ran, are made unique as the source defines them ({@link UniqueIndexFinalizer}).
 * Runs at the end of {@code migrate --mode initial-sync} and as {@code dsync finalize} after a
 * {@code full} or {@code cdc} run was stopped, over the same selection and {@code --map}.
 */
public final class Finalization {

    private final String sourceUri;
    private final String destinationUri;
    private final NamespaceFilter filter;
    private final NamespaceMapping mapping;

    public Finalization(
            String sourceUri,
            String destinationUri,
            List<String> includes,
            List<String> excludes,
            List<String> maps) {
        this.sourceUri = sourceUri;
        this.destinationUri = destinationUri;
        try {
            this.filter = NamespaceFilter.of(includes, excludes);
            this.mapping = NamespaceMapping.parse(maps);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Converts the indexes and prints what was done; a conversion failure is a user error. */
    public void run(PrintStream out) {
        try (Endpoint source = Endpoint.connect("source", sourceUri);
                Endpoint destination = Endpoint.connect("destination", destinationUri)) {
            List<Namespace> namespaces =
                    SourceCatalog.list(source.client(), filter).stream()
                            .filter(info -> info.type() == CollectionInfo.Type.COLLECTION)
                            .map(CollectionInfo::namespace)
                            .toList();
            List<String> converted;
            try {
                converted =
                        new UniqueIndexFinalizer(source.client(), destination.client(), mapping)
                                .finalizeIndexes(namespaces);
            } catch (UniqueIndexConversionException e) {
                throw new UserError(e.getMessage(), e);
            }
            for (String index : converted) {
                out.println("Unique now: " + index);
            }
            out.printf(
                    "Finalized %d collections: %d unique indexes converted.%n",
                    namespaces.size(), converted.size());
        }
    }
}
