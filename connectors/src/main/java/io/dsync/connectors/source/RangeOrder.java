package io.dsync.connectors.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which waiting range a reader copies next: the first waiting range of the namespace that the
 * fewest readers are copying at the moment. Readers that ask together so start on different
 * collections instead of neighbouring ranges of one, which spreads the destination's inserts over
 * several collections and their indexes (concurrent inserts of increasing {@code _id}s into one
 * collection all land on the same end of its {@code _id} index); within a namespace the ranges keep
 * their order.
 */
final class RangeOrder {

    private RangeOrder() {}

    /**
     * The index in {@code waiting} of the range to assign next.
     *
     * @param waiting the ranges not assigned to any reader, in the order they were made
     * @param namespaces each namespace's unfinished ranges (waiting or being copied)
     */
    static int next(List<SnapshotSplit> waiting, Map<String, NamespaceProgress> namespaces) {
        Map<String, Integer> waitingPerNamespace = new HashMap<>();
        for (SnapshotSplit split : waiting) {
            waitingPerNamespace.merge(split.namespace(), 1, Integer::sum);
        }
        int best = 0;
        int fewestReaders = Integer.MAX_VALUE;
        for (int i = 0; i < waiting.size() && fewestReaders > 0; i++) {
            String namespace = waiting.get(i).namespace();
            NamespaceProgress progress = namespaces.get(namespace);
            int open = progress == null ? 0 : progress.openRanges.size();
            int readers = Math.max(0, open - waitingPerNamespace.get(namespace));
            if (readers < fewestReaders) {
                fewestReaders = readers;
                best = i;
            }
        }
        return best;
    }
}
