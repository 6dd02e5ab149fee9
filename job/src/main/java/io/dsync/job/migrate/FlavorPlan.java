package io.dsync.job.migrate;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.flavor.Flavor;
import io.dsync.connectors.flavor.FlavorDetection;
import io.dsync.connectors.flavor.FlavorDetector;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.source.changestream.ChangeFeedFactory;
import io.dsync.connectors.source.changestream.ChangeStreamPosition;
import io.dsync.connectors.source.changestream.ChangeStreamStart;
import io.dsync.connectors.source.cosmos.ChangeStreamsNotEnabledException;
import io.dsync.connectors.source.cosmos.DeletesEmulationSettings;
import io.dsync.connectors.source.cosmos.ObjectIdTimeSplitter;
import io.dsync.connectors.source.cosmos.PerCollectionFeedFactory;
import io.dsync.connectors.source.cosmos.PerCollectionStart;
import io.dsync.connectors.source.snapshot.IdRangeSplitterFactory;
import io.dsync.job.cli.UserError;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * What the flavors of both sides change in a migration: how the change stream's start point is
 * taken, which change feed and which splitter the source uses, which options are allowed, and what
 * the run tells the user about them.
 */
public final class FlavorPlan {

    private final MigrationSettings settings;
    private final FlavorDetection source;
    private final FlavorDetection destination;

    private FlavorPlan(
            MigrationSettings settings, FlavorDetection source, FlavorDetection destination) {
        this.settings = settings;
        this.source = source;
        this.destination = destination;
    }

    /** Detects (or takes as given) both flavors and checks the options against them. */
    public static FlavorPlan detect(
            MigrationSettings settings, Endpoint source, Endpoint destination) {
        FlavorPlan plan =
                new FlavorPlan(
                        settings,
                        FlavorDetector.detect(
                                source.client(), hosts(source), settings.sourceFlavor()),
                        FlavorDetector.detect(
                                destination.client(),
                                hosts(destination),
                                settings.destinationFlavor()));
        plan.validate();
        return plan;
    }

    private static List<String> hosts(Endpoint endpoint) {
        return Arrays.asList(endpoint.hosts().split(","));
    }

    public Flavor sourceFlavor() {
        return source.flavor();
    }

    public Flavor destinationFlavor() {
        return destination.flavor();
    }

    private boolean perCollection() {
        return !source.flavor().capabilities().deploymentChangeStream();
    }

    private void validate() {
        if (settings.cosmosDeletesEmulation() && source.flavor() != Flavor.COSMOS) {
            throw new UserError(
                    "--cosmos-deletes-emulation is for a Cosmos DB source, whose change streams"
                            + " report no deletes; the source is "
                            + source.describe()
                            + " (give --source-flavor cosmos if that is wrong)");
        }
        if (settings.startAt() != null && perCollection()) {
            throw new UserError(
                    "--start-at is not supported with a "
                            + source.flavor().displayName()
                            + " source: its change streams are per collection and start from"
                            + " resume tokens dsync takes itself; leave --start-at out to start now");
        }
    }

    /** Prints the flavors and what they mean for this run. */
    public void print(PrintStream out) {
        out.println("Source: " + source.describe());
        out.println("Destination: " + destination.describe());
        if (perCollection() && settings.mode().follows()) {
            out.println(
                    "  the source's change streams are per collection: one stream per collection,"
                            + " at most "
                            + settings.maxOpenStreams()
                            + " open at once (--max-open-streams)");
        }
        if (source.flavor() == Flavor.COSMOS && settings.mode().follows()) {
            out.println(
                    settings.cosmosDeletesEmulation()
                            ? "  Cosmos DB reports no deletes: deletes emulation compares both"
                                    + " sides every "
                                    + settings.deletesInterval().toSeconds()
                                    + "s"
                            : "  WARNING: Cosmos DB reports no deletes; documents deleted at the"
                                    + " source stay at the destination. Use"
                                    + " --cosmos-deletes-emulation to remove them");
        }
        if (destination.flavor().capabilities().throttlesWrites()
                && settings.writeRateLimit() == 0) {
            out.println(
                    "  the destination may throttle writes (error 16500): dsync waits as told"
                            + " and retries; --write-rate-limit keeps it within the provisioned"
                            + " request units");
        }
    }

    /** The change stream's start point of a fresh run, taken before the copy begins. */
    public ChangeStreamPosition captureStart(MongoClient client, List<Namespace> namespaces) {
        if (!perCollection()) {
            return ChangeStreamStart.capture(client);
        }
        try {
            return PerCollectionStart.capture(client, namespaces, source.flavor());
        } catch (ChangeStreamsNotEnabledException | IllegalStateException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The change feed the source reads. */
    public ChangeFeedFactory changeFeed(NamespaceMapping mapping) {
        if (!perCollection()) {
            return ChangeFeedFactory.deployment();
        }
        DeletesEmulationSettings deletes =
                settings.cosmosDeletesEmulation()
                        ? new DeletesEmulationSettings(
                                settings.destinationUri(),
                                mapping,
                                settings.deletesInterval(),
                                DeletesEmulationSettings.DEFAULT_BATCH_SIZE)
                        : null;
        return new PerCollectionFeedFactory(source.flavor(), settings.maxOpenStreams(), deletes);
    }

    /** How the source's collections are split into ranges. */
    public IdRangeSplitterFactory splitter() {
        return source.flavor().capabilities().cheapSkip()
                ? IdRangeSplitterFactory.pagination()
                : ObjectIdTimeSplitter.factory();
    }
}
