package io.dsync.connectors.sink;

/**
 * A unique index could not be made unique at the destination because documents there share a key;
 * the message names the indexes and the documents' {@code _id}s.
 */
public final class UniqueIndexConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UniqueIndexConversionException(String message) {
        super(message);
    }
}
