package io.dsync.verify.job;

/** Which database a document was read from. */
public enum Side {
    SOURCE,
    DESTINATION;

    private static final Side[] VALUES = values();

    static Side ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
