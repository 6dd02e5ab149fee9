package io.dsync.job.migrate;

import java.util.Locale;

/** What a migration run does. */
public enum Mode {
    /** Copy every selected collection, then follow the change stream until stopped. */
    FULL(true, true),
    /** Copy every selected collection, then stop. */
    INITIAL_SYNC(true, false),
    /** Follow the change stream only, from now or from {@code --start-at}. */
    CDC(false, true);

    private final boolean copies;
    private final boolean follows;

    Mode(boolean copies, boolean follows) {
        this.copies = copies;
        this.follows = follows;
    }

    public boolean copies() {
        return copies;
    }

    public boolean follows() {
        return follows;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Mode parse(String text) {
        for (Mode mode : values()) {
            if (mode.cliName().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "unknown mode '" + text + "' (expected full, initial-sync or cdc)");
    }
}
