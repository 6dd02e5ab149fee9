package io.dsync.mongoserver.changestream;

/**
 * The kinds of oplog entries, named as the {@code operationType} of the change events they give
 * ("Change Events", MongoDB manual: https://www.mongodb.com/docs/v7.0/reference/change-events/).
 */
enum OperationType {
    INSERT("insert", false),
    UPDATE("update", false),
    REPLACE("replace", false),
    DELETE("delete", false),
    /** Only shown with {@code showExpandedEvents: true}, as MongoDB 6.0+. */
    CREATE("create", true),
    /** Only shown with {@code showExpandedEvents: true}, as MongoDB 6.0+. */
    CREATE_INDEXES("createIndexes", true),
    DROP("drop", false),
    RENAME("rename", false),
    DROP_DATABASE("dropDatabase", false);

    private final String eventName;
    private final boolean expanded;

    OperationType(String eventName, boolean expanded) {
        this.eventName = eventName;
        this.expanded = expanded;
    }

    /** The {@code operationType} value of the change event. */
    String eventName() {
        return eventName;
    }

    /** Whether the event is one of the "expanded events" hidden unless asked for. */
    boolean expanded() {
        return expanded;
    }
}
