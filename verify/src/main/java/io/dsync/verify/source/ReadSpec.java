package io.dsync.verify.source;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.source.snapshot.SplitOptions;
import io.dsync.verify.CompareMode;
import io.dsync.verify.catalog.NamespacePair;
import io.dsync.verify.job.Side;
import java.io.Serializable;
import java.util.List;

/**
 * What the verify source reads: both connection strings, the namespace pairs (their list index is
 * the pair number carried by every record), how to split, how to digest and how many differences to
 * keep in full.
 *
 * <p>A range's source documents are held in memory ({@code _id} and digest) while the destination's
 * are compared with them, so a derived number of documents per range is at most {@value
 * #MAX_DOCUMENTS_PER_RANGE} (some 15 MB with small {@code _id}s).
 *
 * <p>The connection strings travel inside the job graph, like any connector's; {@link #toString()}
 * never shows them.
 */
public record ReadSpec(
        String sourceUri,
        String destinationUri,
        List<NamespacePair> pairs,
        CompareMode compareMode,
        int documentsPerRange,
        long rangeBytes,
        int batchSize,
        int maxDifferences)
        implements Serializable {

    public static final int MAX_DOCUMENTS_PER_RANGE = 100_000;

    public ReadSpec {
        pairs = List.copyOf(pairs);
    }

    String uri(Side side) {
        return side == Side.SOURCE ? sourceUri : destinationUri;
    }

    Namespace namespace(Side side, int pair) {
        NamespacePair p = pairs.get(pair);
        return side == Side.SOURCE ? p.source() : p.destination();
    }

    SplitOptions splitOptions() {
        return SplitOptions.builder()
                .documentsPerRange(documentsPerRange)
                .targetRangeBytes(rangeBytes)
                .maxDocumentsPerRange(MAX_DOCUMENTS_PER_RANGE)
                .build();
    }

    @Override
    public String toString() {
        return "ReadSpec{" + pairs.size() + " namespace pairs, " + compareMode + "}";
    }
}
