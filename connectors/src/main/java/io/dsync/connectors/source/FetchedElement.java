package io.dsync.connectors.source;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.DdlEvent;

/**
 * What a fetcher hands to the reader's main thread: a record to emit and/or the position it
 * advances the split to, or a DDL event that the change stream must hold until it is applied.
 */
record FetchedElement(
        ChangeRecord record, ChangeStreamPosition position, long clusterTime, DdlEvent ddl) {

    static FetchedElement snapshot(ChangeRecord record) {
        return new FetchedElement(record, null, 0L, null);
    }

    static FetchedElement change(
            ChangeRecord record, ChangeStreamPosition position, long clusterTime) {
        return new FetchedElement(record, position, clusterTime, null);
    }

    static FetchedElement heartbeat(ChangeStreamPosition position, long clusterTime) {
        return new FetchedElement(null, position, clusterTime, null);
    }

    static FetchedElement ddl(DdlEvent ddl, ChangeStreamPosition position, long clusterTime) {
        return new FetchedElement(null, position, clusterTime, ddl);
    }
}
