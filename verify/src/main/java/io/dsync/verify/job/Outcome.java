package io.dsync.verify.job;

/** How the two sides of one {@code _id} compare. */
public enum Outcome {
    MATCHED,
    MISSING_ON_DESTINATION,
    EXTRA_ON_DESTINATION,
    DIFFERENT;

    private static final Outcome[] VALUES = values();

    public boolean isDifference() {
        return this != MATCHED;
    }

    public static int count() {
        return VALUES.length;
    }
}
