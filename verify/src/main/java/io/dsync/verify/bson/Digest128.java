package io.dsync.verify.bson;

/** A 128-bit document digest as two longs. */
public record Digest128(long high, long low) {}
