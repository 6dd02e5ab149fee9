package io.dsync.connectors.source;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

/** One fetch: the elements of one split, and the splits that ended with it. */
final class FetchedBatch implements RecordsWithSplitIds<FetchedElement> {

    private String splitId;
    private final Iterator<FetchedElement> elements;
    private final Set<String> finished;

    private FetchedBatch(String splitId, List<FetchedElement> elements, Set<String> finished) {
        this.splitId = splitId;
        this.elements = elements.iterator();
        this.finished = finished;
    }

    static FetchedBatch of(String splitId, List<FetchedElement> elements) {
        return new FetchedBatch(splitId, elements, Collections.emptySet());
    }

    static FetchedBatch finished(String splitId) {
        return new FetchedBatch(null, List.of(), Set.of(splitId));
    }

    static FetchedBatch empty() {
        return new FetchedBatch(null, List.of(), Collections.emptySet());
    }

    @Override
    public String nextSplit() {
        String next = splitId;
        splitId = null;
        return next;
    }

    @Override
    public FetchedElement nextRecordFromSplit() {
        return elements.hasNext() ? elements.next() : null;
    }

    @Override
    public Set<String> finishedSplits() {
        return finished;
    }
}
