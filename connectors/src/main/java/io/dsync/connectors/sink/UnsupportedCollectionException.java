package io.dsync.connectors.sink;

import io.dsync.connectors.namespace.Namespace;

/**
 * A source collection dsync cannot migrate (for example a time-series collection); the message
 * names it and says what to do.
 */
public final class UnsupportedCollectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Namespace source;

    public UnsupportedCollectionException(Namespace source, String message) {
        super(message);
        this.source = source;
    }

    /** The source namespace that cannot be migrated. */
    public Namespace source() {
        return source;
    }
}
