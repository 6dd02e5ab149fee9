package io.dsync.connectors.source;

import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * The migration cannot continue and restarting would not help (the change stream was invalidated,
 * its resume point fell off the oplog, a DDL hit a collection being copied...). The message says
 * what happened and what to do; the CLI prints it as the job's error.
 */
public final class MigrationStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MigrationStoppedException(String message) {
        super(message);
    }

    public MigrationStoppedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps {@code e} so that Flink fails the job instead of restarting it. */
    public static SuppressRestartsException fatal(MigrationStoppedException e) {
        return new SuppressRestartsException(e);
    }
}
