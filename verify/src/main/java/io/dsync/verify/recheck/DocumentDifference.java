package io.dsync.verify.recheck;

import io.dsync.verify.job.Outcome;

/**
 * One {@code _id} whose two sides differ, with the documents as last read (either may be {@code
 * null}: not read yet, or absent on that side).
 */
public record DocumentDifference(
        int pair, byte[] id, Outcome outcome, byte[] sourceDocument, byte[] destinationDocument) {}
