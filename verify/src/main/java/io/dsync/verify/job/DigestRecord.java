package io.dsync.verify.job;

import io.dsync.verify.bson.Digest128;
import java.util.Arrays;

/**
 * What the verify job knows about one {@code _id} of one namespace pair: on which sides a document
 * with that exact {@code _id} was read and the 128-bit digest of each. The job sends the client one
 * for each difference it found (a {@link RangeJoin} makes them).
 *
 * <p>Mutable fields of primitives and {@code byte[]}, serialized by {@link DigestRecordSerializer}.
 */
public final class DigestRecord {

    static final byte ON_SOURCE = 1;
    static final byte ON_DESTINATION = 2;

    /** Index of the namespace pair in the job's pair list. */
    public int pair;

    /** {@link #ON_SOURCE} and/or {@link #ON_DESTINATION}. */
    public byte presence;

    /** Raw BSON of {@code {_id: value}}, exactly as read. */
    public byte[] id;

    public long sourceHigh;
    public long sourceLow;
    public long destinationHigh;
    public long destinationLow;

    public DigestRecord() {}

    /** A record for a document read on one side. */
    public static DigestRecord of(int pair, Side side, byte[] id, Digest128 digest) {
        DigestRecord r = new DigestRecord();
        r.pair = pair;
        r.id = id;
        if (side == Side.SOURCE) {
            r.presence = ON_SOURCE;
            r.sourceHigh = digest.high();
            r.sourceLow = digest.low();
        } else {
            r.presence = ON_DESTINATION;
            r.destinationHigh = digest.high();
            r.destinationLow = digest.low();
        }
        return r;
    }

    /** A record for a document read on both sides. */
    public static DigestRecord ofBoth(
            int pair, byte[] id, Digest128 source, Digest128 destination) {
        DigestRecord r = of(pair, Side.SOURCE, id, source);
        r.presence |= ON_DESTINATION;
        r.destinationHigh = destination.high();
        r.destinationLow = destination.low();
        return r;
    }

    public boolean onSource() {
        return (presence & ON_SOURCE) != 0;
    }

    public boolean onDestination() {
        return (presence & ON_DESTINATION) != 0;
    }

    /** How the two sides compare. */
    public Outcome outcome() {
        if (!onDestination()) {
            return Outcome.MISSING_ON_DESTINATION;
        }
        if (!onSource()) {
            return Outcome.EXTRA_ON_DESTINATION;
        }
        return sourceHigh == destinationHigh && sourceLow == destinationLow
                ? Outcome.MATCHED
                : Outcome.DIFFERENT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigestRecord r
                && r.pair == pair
                && r.presence == presence
                && Arrays.equals(r.id, id)
                && r.sourceHigh == sourceHigh
                && r.sourceLow == sourceLow
                && r.destinationHigh == destinationHigh
                && r.destinationLow == destinationLow;
    }

    @Override
    public int hashCode() {
        return 31 * pair + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "DigestRecord{pair=" + pair + ", presence=" + presence + ", id=" + id.length + "B}";
    }
}
