package io.dsync.job.migrate;

import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.source.catalog.CollectionInfo;
import io.dsync.connectors.source.catalog.SourceCatalog;
import io.dsync.job.cli.UserError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The checks a migration makes before anything is written, each failing with one clear line: the
 * source can be followed (a replica set or sharded cluster, unless only copying), the selection
 * matches collections, no time-series collection is selected, no two selected namespaces are mapped
 * onto one destination namespace (the check verify makes too), source and destination are not the
 * same namespaces, and a fresh copy does not land on documents already there.
 */
public final class Preflight {

    private Preflight() {}

    /** Runs the checks and returns the selected source namespaces (views left out). */
    public static List<Namespace> check(
            MigrationSettings settings,
            boolean restoring,
            Endpoint source,
            Endpoint destination,
            NamespaceFilter filter,
            NamespaceMapping mapping) {
        Document hello = source.command(new Document("hello", 1));
        if (settings.mode().follows() && !isReplicaSetOrSharded(hello)) {
            throw new UserError(
                    "the source ("
                            + source.hosts()
                            + ") is a standalone server, not a replica set or sharded cluster:"
                            + " it has no change stream to follow. Use --mode initial-sync to copy"
                            + " it once");
        }
        List<CollectionInfo> collections = SourceCatalog.list(source.client(), filter);
        checkIncludesMatch(settings, source, collections);
        List<Namespace> namespaces = new ArrayList<>();
        for (CollectionInfo info : collections) {
            if (info.type() == CollectionInfo.Type.VIEW) {
                continue;
            }
            if (info.type() == CollectionInfo.Type.TIMESERIES) {
                throw new UserError(
                        "time-series collection "
                                + info.namespace()
                                + " cannot be migrated by dsync: exclude it with --exclude "
                                + info.namespace());
            }
            namespaces.add(info.namespace());
        }
        try {
            mapping.requireDistinctDestinations(namespaces);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (sameDeployment(
                hello, destination.command(new Document("hello", 1)), source, destination)) {
            for (Namespace namespace : namespaces) {
                if (mapping.map(namespace).equals(namespace)) {
                    throw new UserError(
                            "source and destination are the same deployment and "
                                    + namespace
                                    + " would be copied onto itself: use another destination or"
                                    + " --map to rename it");
                }
            }
        }
        if (settings.mode().copies() && !restoring && !settings.allowNonEmptyDestination()) {
            for (Namespace namespace : namespaces) {
                Namespace target = mapping.map(namespace);
                if (destination
                                .client()
                                .getDatabase(target.database())
                                .getCollection(target.collection())
                                .find()
                                .limit(1)
                                .first()
                        != null) {
                    throw new UserError(
                            "the destination collection "
                                    + target
                                    + " already holds documents: empty it, pick another"
                                    + " destination, or pass --allow-non-empty-destination");
                }
            }
        }
        return namespaces;
    }

    static boolean isReplicaSetOrSharded(Document hello) {
        return hello.containsKey("setName") || "isdbgrid".equals(hello.getString("msg"));
    }

    private static void checkIncludesMatch(
            MigrationSettings settings, Endpoint source, List<CollectionInfo> collections) {
        for (String include : settings.includes()) {
            NamespaceFilter single = NamespaceFilter.of(List.of(include), settings.excludes());
            boolean matched = collections.stream().anyMatch(c -> single.includes(c.namespace()));
            if (!matched) {
                throw new UserError(
                        "--include "
                                + include
                                + " matches no collection on the source ("
                                + source.hosts()
                                + ")");
            }
        }
    }

    private static boolean sameDeployment(
            Document sourceHello,
            Document destinationHello,
            Endpoint source,
            Endpoint destination) {
        Set<String> sourceHosts = hosts(sourceHello, source);
        Set<String> destinationHosts = hosts(destinationHello, destination);
        sourceHosts.retainAll(destinationHosts);
        return !sourceHosts.isEmpty();
    }

    private static Set<String> hosts(Document hello, Endpoint endpoint) {
        Set<String> hosts = new HashSet<>();
        for (String host : endpoint.hosts().split(",")) {
            hosts.add(host.toLowerCase(java.util.Locale.ROOT));
        }
        Object list = hello.get("hosts");
        if (list instanceof List<?> l) {
            for (Object host : l) {
                hosts.add(String.valueOf(host).toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (hello.getString("me") != null) {
            hosts.add(hello.getString("me").toLowerCase(java.util.Locale.ROOT));
        }
        return hosts;
    }
}
