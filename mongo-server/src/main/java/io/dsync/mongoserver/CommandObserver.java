package io.dsync.mongoserver;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Told of every command the server receives, as sent (with {@code $db}, {@code $readPreference},
 * {@code readConcern}, {@code writeConcern}, {@code lsid}...), before any part of the server
 * answers it. Tests use it to see what a client asked for; an observer must not block or throw.
 */
@FunctionalInterface
public interface CommandObserver {

    /** {@code command} is the first key of {@code query}; {@code query} must not be changed. */
    void received(String database, String command, Document query);
}
