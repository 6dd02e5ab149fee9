package io.dsync.mongoserver.bson;

/**
 * The BSON {@code undefined} value (type 0x06, deprecated), kept as such instead of becoming null:
 * MongoDB stores and returns it unchanged.
 */
public final class Undefined {

    public static final Undefined INSTANCE = new Undefined();

    private Undefined() {}

    @Override
    public String toString() {
        return "undefined";
    }
}
