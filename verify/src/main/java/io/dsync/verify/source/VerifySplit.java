package io.dsync.verify.source;

import io.dsync.connectors.source.snapshot.IdRange;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One {@code _id} range of one namespace pair, compared on both sides: the range is cut on the
 * source collection and read with the same bounds from the destination's. Immutable.
 */
public final class VerifySplit implements SourceSplit {

    private final int pair;
    private final IdRange range;

    public VerifySplit(int pair, IdRange range) {
        this.pair = pair;
        this.range = Objects.requireNonNull(range, "range");
    }

    public int pair() {
        return pair;
    }

    /** The range on the source collection. */
    public IdRange range() {
        return range;
    }

    @Override
    public String splitId() {
        return range.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifySplit s && s.pair == pair && s.range.equals(range);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pair, range);
    }

    @Override
    public String toString() {
        return "pair " + pair + " " + range;
    }
}
