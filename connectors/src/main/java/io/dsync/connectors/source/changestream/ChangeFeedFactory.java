package io.dsync.connectors.source.changestream;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.namespace.NamespaceFilter;
import java.io.Serializable;
import org.apache.flink.metrics.MetricGroup;

/**
 * Opens the {@link ChangeFeed} the change-stream fetcher polls; part of the source's configuration
 * (so it is serializable). {@link #deployment()} is the deployment-wide change stream.
 */
@FunctionalInterface
public interface ChangeFeedFactory extends Serializable {

    /**
     * @param client the source client (used, not closed, by the feed)
     * @param filter the selected namespaces
     * @param from where to go on from
     * @param options batch size, await time, reopen attempts
     * @param metrics the reader's metric group, for figures of the feed's own
     */
    ChangeFeed open(
            MongoClient client,
            NamespaceFilter filter,
            ChangeStreamPosition from,
            ChangeStreamOptions options,
            MetricGroup metrics);

    /** The deployment-wide change stream ({@code client.watch()}): MongoDB's. */
    static ChangeFeedFactory deployment() {
        return DeploymentChangeFeed.INSTANCE;
    }

    /** The factory of {@link ChangeStreamReader}s. */
    final class DeploymentChangeFeed implements ChangeFeedFactory {
        private static final long serialVersionUID = 1L;
        static final DeploymentChangeFeed INSTANCE = new DeploymentChangeFeed();

        private DeploymentChangeFeed() {}

        @Override
        public ChangeFeed open(
                MongoClient client,
                NamespaceFilter filter,
                ChangeStreamPosition from,
                ChangeStreamOptions options,
                MetricGroup metrics) {
            return new ChangeStreamReader(client, filter, from, options);
        }

        private Object readResolve() {
            return INSTANCE;
        }
    }
}
