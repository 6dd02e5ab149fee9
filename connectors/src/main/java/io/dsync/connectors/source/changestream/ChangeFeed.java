package io.dsync.connectors.source.changestream;

import java.util.List;

/**
 * What the change-stream fetcher polls: a source of {@link ChangeStreamEvent}s in the order they
 * must be applied, each carrying the position to go on from after it. Implemented by the
 * deployment-wide {@link ChangeStreamReader} and by the per-collection feed of flavors without a
 * deployment-wide stream. Not thread-safe: one fetcher thread polls it.
 */
public interface ChangeFeed extends AutoCloseable {

    /**
     * The next events (possibly none, when nothing happened within the await time).
     *
     * @throws ChangeStreamHistoryLostException when the position is no longer available
     */
    List<ChangeStreamEvent> poll();

    @Override
    void close();
}
