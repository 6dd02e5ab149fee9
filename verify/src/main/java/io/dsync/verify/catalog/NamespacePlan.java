package io.dsync.verify.catalog;

import io.dsync.connectors.source.catalog.CollectionInfo;
import java.util.List;

/**
 * The namespaces verify looks at: selected source collections with their mapped destination
 * counterpart, and those present on one side only (within the selection and mapping).
 *
 * @param matched collections present on both sides
 * @param sourceOnly selected source collections whose destination namespace does not exist
 * @param destinationOnly destination collections that a selected (but absent) source namespace
 *     would map to
 */
public record NamespacePlan(
        List<Matched> matched,
        List<CollectionInfo> sourceOnly,
        List<DestinationOnly> destinationOnly) {

    /** A collection present on both sides. */
    public record Matched(NamespacePair pair, CollectionInfo source, CollectionInfo destination) {

        /** Whether both are ordinary collections, whose documents and indexes are compared. */
        public boolean holdsDocuments() {
            return source.type() == CollectionInfo.Type.COLLECTION
                    && destination.type() == CollectionInfo.Type.COLLECTION;
        }
    }

    /** A destination collection with no source counterpart. */
    public record DestinationOnly(NamespacePair pair, CollectionInfo destination) {}
}
