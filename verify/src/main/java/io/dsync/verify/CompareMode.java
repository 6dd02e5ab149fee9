package io.dsync.verify;

/** How two documents with the same {@code _id} are compared. */
public enum CompareMode {
    /**
     * The raw BSON bytes must be identical: field order and numeric types matter (an int32 that
     * became an int64 of the same value is a difference).
     */
    RAW_BYTES("raw-bytes"),
    /**
     * Field order is ignored: keys are sorted recursively in embedded documents before hashing;
     * arrays keep their order and every value keeps its BSON type.
     */
    IGNORE_FIELD_ORDER("ignore-field-order");

    private final String flagValue;

    CompareMode(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The value of {@code --compare} that selects this mode. */
    public String flagValue() {
        return flagValue;
    }

    /** Parses a {@code --compare} value. */
    public static CompareMode fromFlag(String value) {
        for (CompareMode mode : values()) {
            if (mode.flagValue.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "unknown compare mode '" + value + "': use raw-bytes or ignore-field-order");
    }
}
