package io.dsync.connectors.source.cosmos;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.flavor.Flavor;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.source.changestream.ChangeFeed;
import io.dsync.connectors.source.changestream.ChangeFeedFactory;
import io.dsync.connectors.source.changestream.ChangeStreamOptions;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.metrics.MetricGroup;

/**
 * Opens a {@link PerCollectionChangeFeed} (with a {@link DeletesEmulator} when deletes emulation is
 * on): the change feed of Cosmos DB and DocumentDB sources.
 */
public final class PerCollectionFeedFactory implements ChangeFeedFactory {

    private static final long serialVersionUID = 1L;

    /** Change streams open at once by default (each holds a cursor and a connection's turn). */
    public static final int DEFAULT_MAX_OPEN_STREAMS = 32;

    private final Flavor flavor;
    private final int maxOpenStreams;
    private final DeletesEmulationSettings deletes;

    /**
     * @param deletes deletes emulation, or null for none
     */
    public PerCollectionFeedFactory(
            Flavor flavor, int maxOpenStreams, DeletesEmulationSettings deletes) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        if (maxOpenStreams < 1) {
            throw new IllegalArgumentException(
                    "the maximum of open change streams must be at least 1, was " + maxOpenStreams);
        }
        this.maxOpenStreams = maxOpenStreams;
        this.deletes = deletes;
    }

    @Override
    public ChangeFeed open(
            MongoClient client,
            NamespaceFilter filter,
            ChangeStreamPosition from,
            ChangeStreamOptions options,
            MetricGroup metrics) {
        DeletesEmulator emulator = null;
        if (deletes != null && from.isPerCollection()) {
            List<Namespace> namespaces = new ArrayList<>();
            for (String namespace : from.collectionTokens().keySet()) {
                namespaces.add(Namespace.parse(namespace));
            }
            emulator = new DeletesEmulator(client, deletes, namespaces, metrics);
        }
        try {
            return new PerCollectionChangeFeed(
                    client, flavor, from, options, maxOpenStreams, emulator);
        } catch (RuntimeException e) {
            if (emulator != null) {
                emulator.close();
            }
            throw e;
        }
    }
}
