package io.dsync.verify.catalog;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceFilter;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.connectors.source.catalog.CollectionInfo;
import io.dsync.connectors.source.catalog.SourceCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * Pairs source and destination collections exactly as {@code migrate} selects and maps them:
 * selected source namespaces ({@code --include}/{@code --exclude}, {@link SourceCatalog}) map to
 * destination namespaces ({@code --map}); a destination collection belongs to the comparison when
 * some selected source namespace maps to it, whether or not that source namespace exists.
 */
public final class NamespacePlanner {

    private NamespacePlanner() {}

    /**
     * @throws IllegalArgumentException when several selected source namespaces map to one
     *     destination namespace
     */
    public static NamespacePlan plan(
            MongoClient source,
            MongoClient destination,
            NamespaceFilter filter,
            NamespaceMapping mapping) {
        List<CollectionInfo> sources = SourceCatalog.list(source, filter);
        mapping.requireDistinctDestinations(
                sources.stream().map(CollectionInfo::namespace).toList());
        Map<Namespace, CollectionInfo> destinations = new TreeMap<>();
        for (CollectionInfo info : listAll(destination)) {
            destinations.put(info.namespace(), info);
        }
        List<NamespacePlan.Matched> matched = new ArrayList<>();
        List<CollectionInfo> sourceOnly = new ArrayList<>();
        Set<Namespace> sourceNamespaces = new LinkedHashSet<>();
        for (CollectionInfo info : sources) {
            sourceNamespaces.add(info.namespace());
            Namespace target = mapping.map(info.namespace());
            CollectionInfo counterpart = destinations.get(target);
            if (counterpart == null) {
                sourceOnly.add(info);
            } else {
                matched.add(
                        new NamespacePlan.Matched(
                                new NamespacePair(info.namespace(), target), info, counterpart));
            }
        }
        List<NamespacePlan.DestinationOnly> destinationOnly = new ArrayList<>();
        for (CollectionInfo info : destinations.values()) {
            Namespace preimage = preimage(info.namespace(), filter, mapping);
            if (preimage != null && !sourceNamespaces.contains(preimage)) {
                destinationOnly.add(
                        new NamespacePlan.DestinationOnly(
                                new NamespacePair(preimage, info.namespace()), info));
            }
        }
        return new NamespacePlan(matched, sourceOnly, destinationOnly);
    }

    /** The selected source namespace that maps to {@code target}, or {@code null}. */
    static Namespace preimage(Namespace target, NamespaceFilter filter, NamespaceMapping mapping) {
        List<Namespace> candidates = new ArrayList<>();
        mapping.collectionRules()
                .forEach(
                        (from, to) -> {
                            if (to.equals(target)) {
                                candidates.add(from);
                            }
                        });
        mapping.databaseRules()
                .forEach(
                        (from, to) -> {
                            if (to.equals(target.database())) {
                                candidates.add(new Namespace(from, target.collection()));
                            }
                        });
        candidates.add(target);
        for (Namespace candidate : candidates) {
            if (filter.includes(candidate) && mapping.map(candidate).equals(target)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Every collection of the destination, of every database, sorted; {@code system.*} left out
     * (https://www.mongodb.com/docs/manual/reference/command/listCollections/).
     */
    private static List<CollectionInfo> listAll(MongoClient client) {
        List<CollectionInfo> result = new ArrayList<>();
        for (String db : client.listDatabaseNames()) {
            for (BsonDocument info : client.getDatabase(db).listCollections(BsonDocument.class)) {
                String name = info.getString("name").getValue();
                if (name.startsWith("system.")) {
                    continue;
                }
                String type = info.getString("type", new BsonString("collection")).getValue();
                BsonDocument options = info.getDocument("options", new BsonDocument());
                result.add(new CollectionInfo(new Namespace(db, name), type, options, null));
            }
        }
        result.sort(Comparator.comparing(CollectionInfo::namespace));
        return result;
    }
}
