package io.dsync.verify.source;

import io.dsync.connectors.source.snapshot.IdRange;
import io.dsync.verify.job.Side;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/** One {@code _id} range of one side of one namespace pair. Immutable. */
public final class VerifySplit implements SourceSplit {

    private final Side side;
    private final int pair;
    private final IdRange range;

    public VerifySplit(Side side, int pair, IdRange range) {
        this.side = Objects.requireNonNull(side, "side");
        this.pair = pair;
        this.range = Objects.requireNonNull(range, "range");
    }

    public Side side() {
        return side;
    }

    public int pair() {
        return pair;
    }

    public IdRange range() {
        return range;
    }

    @Override
    public String splitId() {
        return (side == Side.SOURCE ? "src:" : "dst:") + range.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifySplit s
                && s.side == side
                && s.pair == pair
                && s.range.equals(range);
    }

    @Override
    public int hashCode() {
        return Objects.hash(side, pair, range);
    }

    @Override
    public String toString() {
        return side + " " + range;
    }
}
