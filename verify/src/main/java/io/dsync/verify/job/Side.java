package io.dsync.verify.job;

/** Which database a document was read from. */
public enum Side {
    SOURCE,
    DESTINATION
}
