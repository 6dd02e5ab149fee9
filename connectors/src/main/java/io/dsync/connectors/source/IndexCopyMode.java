package io.dsync.connectors.source;

/** When the secondary indexes of a collection are created on the destination. */
public enum IndexCopyMode {
    /** After all of the collection's documents are copied (faster bulk load; the default). */
    AFTER_COPY,
    /** Before the first document is copied (unique indexes are enforced during the copy). */
    BEFORE_COPY,
    /** Never: the user creates indexes themselves. */
    NONE;

    /** Parses the CLI spelling: {@code after-copy}, {@code before-copy}, {@code none}. */
    public static IndexCopyMode parse(String text) {
        for (IndexCopyMode mode : values()) {
            if (mode.cliName().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "unknown index mode '" + text + "' (expected after-copy, before-copy or none)");
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
