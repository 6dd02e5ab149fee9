package io.dsync.verify.report;

import java.util.Objects;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One difference between source and destination, as listed in the report.
 *
 * @param kind what differs
 * @param namespace the source namespace (for a namespace only on the destination: the source
 *     namespace that would map to it)
 * @param destinationNamespace the destination namespace
 * @param id the document's {@code _id} (document-level kinds), else {@code null}
 * @param field the first differing field path ({@link FindingKind#DIFFERENT}), else {@code null}
 * @param index the index name (index kinds), else {@code null}
 * @param sourceSpec the source's index spec or collection options, where they differ
 * @param destinationSpec the destination's, likewise
 * @param sourceCount the source's document count ({@link FindingKind#COUNT_DIFFERENT})
 * @param destinationCount the destination's document count, likewise
 */
public record Finding(
        FindingKind kind,
        String namespace,
        String destinationNamespace,
        BsonValue id,
        String field,
        String index,
        BsonDocument sourceSpec,
        BsonDocument destinationSpec,
        Long sourceCount,
        Long destinationCount) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(destinationNamespace, "destinationNamespace");
    }

    public static Finding document(
            FindingKind kind, String namespace, String destination, BsonValue id, String field) {
        return new Finding(kind, namespace, destination, id, field, null, null, null, null, null);
    }

    public static Finding namespace(FindingKind kind, String namespace, String destination) {
        return new Finding(kind, namespace, destination, null, null, null, null, null, null, null);
    }

    public static Finding index(
            FindingKind kind,
            String namespace,
            String destination,
            String index,
            BsonDocument sourceSpec,
            BsonDocument destinationSpec) {
        return new Finding(
                kind,
                namespace,
                destination,
                null,
                null,
                index,
                sourceSpec,
                destinationSpec,
                null,
                null);
    }

    public static Finding options(
            String namespace,
            String destination,
            BsonDocument sourceOptions,
            BsonDocument destinationOptions) {
        return new Finding(
                FindingKind.OPTIONS_DIFFERENT,
                namespace,
                destination,
                null,
                null,
                null,
                sourceOptions,
                destinationOptions,
                null,
                null);
    }

    public static Finding count(
            String namespace, String destination, long sourceCount, long destinationCount) {
        return new Finding(
                FindingKind.COUNT_DIFFERENT,
                namespace,
                destination,
                null,
                null,
                null,
                null,
                null,
                sourceCount,
                destinationCount);
    }
}
