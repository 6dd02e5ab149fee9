package io.dsync.connectors.namespace;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where each source namespace lands at the destination ({@code --map src:dst}, repeatable).
 *
 * <p>Two kinds of rule: {@code sales:sales_v2} renames a database (every collection of {@code
 * sales} goes to {@code sales_v2} under the same name) and {@code sales.orders:archive.orders_2024}
 * renames one collection (possibly into another database). A collection rule beats a database rule;
 * a namespace no rule mentions maps to itself. Immutable and serializable, so it can travel inside
 * Flink operators.
 */
public final class NamespaceMapping implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Databases MongoDB reserves for itself; nothing may be written into them. */
    private static final Set<String> RESERVED_DATABASES = Set.of("admin", "local", "config");

    /**
     * Characters MongoDB forbids in database names.
     *
     * @see <a href="https://www.mongodb.com/docs/manual/reference/limits/#naming-restrictions">
     *     Naming restrictions</a>
     */
    private static final String FORBIDDEN_DATABASE_CHARS = "/\\. \"$\0";

    private static final NamespaceMapping IDENTITY = new NamespaceMapping(Map.of(), Map.of());

    private final Map<String, String> databaseRules;
    private final Map<Namespace, Namespace> collectionRules;

    private NamespaceMapping(
            Map<String, String> databaseRules, Map<Namespace, Namespace> collectionRules) {
        this.databaseRules = Collections.unmodifiableMap(new TreeMap<>(databaseRules));
        this.collectionRules = Collections.unmodifiableMap(new TreeMap<>(collectionRules));
    }

    /** The mapping that leaves every namespace where it is. */
    public static NamespaceMapping identity() {
        return IDENTITY;
    }

    /** Same as {@link #parse(Collection)}. */
    public static NamespaceMapping parse(String... entries) {
        return parse(List.of(entries));
    }

    /**
     * Builds a mapping from {@code --map} entries.
     *
     * @throws IllegalArgumentException naming the offending entry when one is malformed, when two
     *     rules have the same source, when two collection rules have the same destination, or when
     *     a rule writes into {@code admin}, {@code local} or {@code config}
     */
    public static NamespaceMapping parse(Collection<String> entries) {
        Map<String, String> databaseRules = new LinkedHashMap<>();
        Map<Namespace, Namespace> collectionRules = new LinkedHashMap<>();
        Map<Namespace, String> entryByDestination = new HashMap<>();
        Map<String, String> entryBySource = new HashMap<>();
        for (String entry : entries) {
            int colon = entry == null ? -1 : entry.indexOf(':');
            if (colon < 0 || entry.indexOf(':', colon + 1) >= 0) {
                throw malformed(entry, "expected exactly one ':' between source and destination");
            }
            String source = entry.substring(0, colon).trim();
            String destination = entry.substring(colon + 1).trim();
            if (source.isEmpty() || destination.isEmpty()) {
                throw malformed(entry, "source and destination must not be empty");
            }
            boolean sourceIsCollection = source.indexOf('.') >= 0;
            boolean destinationIsCollection = destination.indexOf('.') >= 0;
            if (sourceIsCollection != destinationIsCollection) {
                throw malformed(
                        entry,
                        "map a database to a database (sales:sales_v2) or a collection to a"
                                + " collection (sales.orders:archive.orders_2024)");
            }
            String previous = entryBySource.putIfAbsent(source, entry);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "Two --map rules for the source '"
                                + source
                                + "': '"
                                + previous
                                + "' and '"
                                + entry
                                + "'. Keep only one.");
            }
            if (sourceIsCollection) {
                Namespace from = parseNamespace(entry, source);
                Namespace to = parseNamespace(entry, destination);
                requireWritableDatabase(entry, to.database());
                String other = entryByDestination.putIfAbsent(to, entry);
                if (other != null) {
                    throw new IllegalArgumentException(
                            "The --map rules '"
                                    + other
                                    + "' and '"
                                    + entry
                                    + "' both write into "
                                    + to
                                    + "; two source collections cannot share one destination"
                                    + " collection.");
                }
                collectionRules.put(from, to);
            } else {
                validateDatabaseName(entry, source);
                validateDatabaseName(entry, destination);
                requireWritableDatabase(entry, destination);
                databaseRules.put(source, destination);
            }
        }
        return new NamespaceMapping(databaseRules, collectionRules);
    }

    /** Where documents of the source namespace are written. */
    public Namespace map(Namespace source) {
        Namespace byCollectionRule = collectionRules.get(source);
        if (byCollectionRule != null) {
            return byCollectionRule;
        }
        String database = databaseRules.get(source.database());
        return database == null ? source : new Namespace(database, source.collection());
    }

    /**
     * The destination of a whole source database, for database-level DDL. Collections of that
     * database with their own collection rule go elsewhere: see {@link #collectionRules()}.
     */
    public String mapDatabase(String sourceDatabase) {
        return databaseRules.getOrDefault(sourceDatabase, sourceDatabase);
    }

    /** The database rules, source database to destination database (sorted, unmodifiable). */
    public Map<String, String> databaseRules() {
        return databaseRules;
    }

    /** The collection rules, source to destination namespace (sorted, unmodifiable). */
    public Map<Namespace, Namespace> collectionRules() {
        return collectionRules;
    }

    public boolean isIdentity() {
        return databaseRules.isEmpty() && collectionRules.isEmpty();
    }

    /**
     * Checks that the given source namespaces land in distinct destination namespaces; the check
     * {@link #parse} cannot do alone (for example {@code a:c} and {@code b:c} collide only when
     * {@code a} and {@code b} hold collections of the same name).
     *
     * @throws IllegalArgumentException listing every destination written by several sources
     */
    public void requireDistinctDestinations(Collection<Namespace> sources) {
        Map<Namespace, Set<Namespace>> sourcesByDestination = new TreeMap<>();
        for (Namespace source : sources) {
            sourcesByDestination.computeIfAbsent(map(source), d -> new TreeSet<>()).add(source);
        }
        List<String> collisions = new ArrayList<>();
        sourcesByDestination.forEach(
                (destination, from) -> {
                    if (from.size() > 1) {
                        collisions.add(from + " -> " + destination);
                    }
                });
        if (!collisions.isEmpty()) {
            throw new IllegalArgumentException(
                    "Several source namespaces would be written into the same destination"
                            + " namespace: "
                            + String.join("; ", collisions)
                            + ". Change the --map rules or exclude some of them.");
        }
    }

    private static Namespace parseNamespace(String entry, String text) {
        int dot = text.indexOf('.');
        if (dot == 0 || dot == text.length() - 1) {
            throw malformed(entry, "'" + text + "' is not database.collection");
        }
        validateDatabaseName(entry, text.substring(0, dot));
        String collection = text.substring(dot + 1);
        if (collection.indexOf('$') >= 0 || collection.indexOf('\0') >= 0) {
            throw malformed(entry, "collection names cannot contain '$' or NUL");
        }
        return new Namespace(text.substring(0, dot), collection);
    }

    private static void validateDatabaseName(String entry, String database) {
        for (int i = 0; i < database.length(); i++) {
            if (FORBIDDEN_DATABASE_CHARS.indexOf(database.charAt(i)) >= 0) {
                throw malformed(
                        entry,
                        "database name '"
                                + database
                                + "' contains a character MongoDB forbids (/\\. \"$ or NUL)");
            }
        }
        if (database.length() > 63) {
            throw malformed(entry, "database name '" + database + "' is longer than 63 bytes");
        }
    }

    private static void requireWritableDatabase(String entry, String database) {
        if (RESERVED_DATABASES.contains(database)) {
            throw new IllegalArgumentException(
                    "The --map rule '"
                            + entry
                            + "' writes into the reserved database '"
                            + database
                            + "'; admin, local and config belong to the server. Map to another"
                            + " database.");
        }
    }

    private static IllegalArgumentException malformed(String entry, String why) {
        return new IllegalArgumentException(
                "Malformed --map entry '"
                        + entry
                        + "': "
                        + why
                        + ". Expected sourceDb:destinationDb or"
                        + " sourceDb.collection:destinationDb.collection.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceMapping m
                && m.databaseRules.equals(databaseRules)
                && m.collectionRules.equals(collectionRules);
    }

    @Override
    public int hashCode() {
        return databaseRules.hashCode() * 31 + collectionRules.hashCode();
    }

    @Override
    public String toString() {
        return "NamespaceMapping{databases="
                + databaseRules
                + ", collections="
                + collectionRules
                + "}";
    }
}
