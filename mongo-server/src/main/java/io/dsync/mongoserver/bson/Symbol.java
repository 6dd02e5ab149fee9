package io.dsync.mongoserver.bson;

import java.util.Objects;

/**
 * A BSON symbol (type 0x0E, deprecated): a string that MongoDB stores, returns and orders as a
 * string. See the BSON specification and the MongoDB manual, "Comparison/Sort Order".
 */
public record Symbol(String value) {

    public Symbol {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Symbol(" + value + ")";
    }
}
