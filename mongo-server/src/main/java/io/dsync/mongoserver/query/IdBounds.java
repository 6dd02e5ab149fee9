package io.dsync.mongoserver.query;

import de.bwaldvogel.mongo.backend.Missing;
import java.util.Collections;
import java.util.NavigableMap;

/**
 * A range of {@code _id} values in {@link MongoValueOrder}, each end open (absent) or closed,
 * inclusive or exclusive: the part of the {@code _id} index a query has to look at.
 */
public final class IdBounds {

    private static final IdBounds ALL = new IdBounds(null, false, true, null, false, true);

    private final Object lower;
    private final boolean hasLower;
    private final boolean lowerInclusive;
    private final Object upper;
    private final boolean hasUpper;
    private final boolean upperInclusive;

    private IdBounds(
            Object lower,
            boolean hasLower,
            boolean lowerInclusive,
            Object upper,
            boolean hasUpper,
            boolean upperInclusive) {
        this.lower = lower;
        this.hasLower = hasLower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.hasUpper = hasUpper;
        this.upperInclusive = upperInclusive;
    }

    public static IdBounds all() {
        return ALL;
    }

    public static IdBounds atLeast(Object value, boolean inclusive) {
        return new IdBounds(key(value), true, inclusive, null, false, true);
    }

    public static IdBounds below(Object value, boolean inclusive) {
        return new IdBounds(null, false, true, key(value), true, inclusive);
    }

    public static IdBounds exactly(Object value) {
        return new IdBounds(key(value), true, true, key(value), true, true);
    }

    /** Whether the range is unbounded at both ends. */
    public boolean isAll() {
        return !hasLower && !hasUpper;
    }

    /**
     * The key under which an {@code _id} is kept in an ordered index: the value itself, or {@link
     * Missing} for null (sorted like null, but allowed as a map key).
     */
    public static Object key(Object id) {
        return id == null ? Missing.getInstance() : id;
    }

    /** The values inside both ranges. */
    public IdBounds intersect(IdBounds other) {
        Object lo = lower;
        boolean hasLo = hasLower;
        boolean loIncl = lowerInclusive;
        if (other.hasLower) {
            int cmp = hasLo ? MongoValueOrder.INSTANCE.compare(other.lower, lo) : 1;
            if (cmp > 0) {
                lo = other.lower;
                hasLo = true;
                loIncl = other.lowerInclusive;
            } else if (cmp == 0) {
                loIncl = loIncl && other.lowerInclusive;
            }
        }
        Object hi = upper;
        boolean hasHi = hasUpper;
        boolean hiIncl = upperInclusive;
        if (other.hasUpper) {
            int cmp = hasHi ? MongoValueOrder.INSTANCE.compare(other.upper, hi) : -1;
            if (cmp < 0) {
                hi = other.upper;
                hasHi = true;
                hiIncl = other.upperInclusive;
            } else if (cmp == 0) {
                hiIncl = hiIncl && other.upperInclusive;
            }
        }
        return new IdBounds(lo, hasLo, loIncl, hi, hasHi, hiIncl);
    }

    private boolean empty() {
        if (!hasLower || !hasUpper) {
            return false;
        }
        int cmp = MongoValueOrder.INSTANCE.compare(lower, upper);
        return cmp > 0 || (cmp == 0 && !(lowerInclusive && upperInclusive));
    }

    /** The part of an index keyed in {@link MongoValueOrder} that lies in this range. */
    public <V> NavigableMap<Object, V> slice(NavigableMap<Object, V> index) {
        if (empty()) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<Object, V> slice = index;
        if (hasLower) {
            slice = slice.tailMap(lower, lowerInclusive);
        }
        if (hasUpper) {
            slice = slice.headMap(upper, upperInclusive);
        }
        return slice;
    }
}
