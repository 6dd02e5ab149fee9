package io.dsync.mongoserver.changestream;

import java.util.Set;

/**
 * What a change stream watches: one collection, one database or the whole deployment, and which
 * oplog entries it therefore sees and which end it ("Change Streams", MongoDB manual: "Watch a
 * Collection, Database, or Deployment"; "Change Events" → invalidate event:
 * https://www.mongodb.com/docs/v7.0/reference/change-events/invalidate/).
 */
record StreamScope(Level level, String database, String collection) {

    enum Level {
        COLLECTION,
        DATABASE,
        CLUSTER
    }

    /** Databases a whole-deployment stream does not report, as MongoDB. */
    private static final Set<String> INTERNAL_DATABASES = Set.of("admin", "config", "local");

    static StreamScope collection(String database, String collection) {
        return new StreamScope(Level.COLLECTION, database, collection);
    }

    static StreamScope database(String database) {
        return new StreamScope(Level.DATABASE, database, null);
    }

    static StreamScope cluster() {
        return new StreamScope(Level.CLUSTER, null, null);
    }

    /** The {@code ns} MongoDB reports for the stream's cursor. */
    String cursorNamespace() {
        return switch (level) {
            case COLLECTION -> database + "." + collection;
            case DATABASE -> database + ".$cmd.aggregate";
            case CLUSTER -> "admin.$cmd.aggregate";
        };
    }

    /** Whether the stream reports an event for this entry. */
    boolean sees(OplogEntry entry) {
        return switch (level) {
            case COLLECTION ->
                    (entry.type() != OperationType.DROP_DATABASE
                                    && entry.concerns(database, collection))
                            || entry.renamesTo(database, collection);
            case DATABASE ->
                    (entry.database().equals(database) && !isSystem(entry.collection()))
                            || (entry.type() == OperationType.RENAME
                                    && database.equals(entry.toDatabase()));
            case CLUSTER ->
                    !INTERNAL_DATABASES.contains(entry.database()) && !isSystem(entry.collection());
        };
    }

    /**
     * Whether the entry ends the stream with an invalidate event: drop or rename of the watched
     * collection (either side of a rename), dropDatabase of the watched database. A
     * whole-deployment stream is never invalidated.
     */
    boolean invalidatedBy(OplogEntry entry) {
        return switch (level) {
            case COLLECTION ->
                    (entry.type() == OperationType.DROP || entry.type() == OperationType.RENAME)
                            && sees(entry);
            case DATABASE ->
                    entry.type() == OperationType.DROP_DATABASE
                            && entry.database().equals(database);
            case CLUSTER -> false;
        };
    }

    private static boolean isSystem(String collection) {
        return collection != null && collection.startsWith("system.");
    }
}
