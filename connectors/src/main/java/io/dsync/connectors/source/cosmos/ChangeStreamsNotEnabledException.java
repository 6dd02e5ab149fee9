package io.dsync.connectors.source.cosmos;

import com.mongodb.MongoServerException;
import io.dsync.connectors.namespace.Namespace;

/**
 * Amazon DocumentDB refused the change stream of a collection because change streams are not
 * enabled for it (DocumentDB answers "modifyChangeStreams has not been run for this
 * collection/database/cluster"; they are off by default:
 * https://docs.aws.amazon.com/documentdb/latest/developerguide/change_streams.html#change_streams-enabling).
 */
public final class ChangeStreamsNotEnabledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final String DOCUMENTDB_MESSAGE = "modifyChangeStreams has not been run";

    private final String namespace;

    public ChangeStreamsNotEnabledException(Namespace namespace, Throwable cause) {
        super(
                "change streams are not enabled for collection "
                        + namespace
                        + " on the Amazon DocumentDB source, so its changes cannot be followed."
                        + " Enable them with db.adminCommand({modifyChangeStreams: 1, database: \""
                        + namespace.database()
                        + "\", collection: \""
                        + namespace.collection()
                        + "\", enable: true}) (or for its whole database with collection: \"\"),"
                        + " or leave it out with --exclude "
                        + namespace
                        + ", then start again",
                cause);
        this.namespace = namespace.fullName();
    }

    /** The collection ({@code db.coll}) without change streams. */
    public String namespace() {
        return namespace;
    }

    /** Whether {@code e} is DocumentDB's answer for a collection without change streams. */
    public static boolean isNotEnabled(Throwable e) {
        return e instanceof MongoServerException
                && String.valueOf(e.getMessage()).contains(DOCUMENTDB_MESSAGE);
    }
}
