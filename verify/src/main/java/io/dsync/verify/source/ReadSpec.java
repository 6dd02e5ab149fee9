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
 * the pair number carried by every record), how to split and how to digest.
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
        int batchSize)
        implements Serializable {

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
                .build();
    }

    @Override
    public String toString() {
        return "ReadSpec{" + pairs.size() + " namespace pairs, " + compareMode + "}";
    }
}
