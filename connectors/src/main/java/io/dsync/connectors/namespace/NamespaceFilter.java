package io.dsync.connectors.namespace;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;

/**
 * Which namespaces a migration selects, from the repeatable {@code --include} and {@code --exclude}
 * options.
 *
 * <p>Each entry is {@code db} (a whole database) or {@code db.coll}; both parts may use the glob
 * wildcards {@code *} (any run of characters within that part) and {@code ?} (one character), e.g.
 * {@code shop.*}, {@code *.orders}, {@code sales_?}. The database part ends at the first dot; the
 * collection part may itself contain dots. Excludes win over includes. Without includes every
 * database is included.
 *
 * <p>Internal namespaces: the database {@value #TOOL_DATABASE} (the tool's own state) and
 * collections named {@code system.*} are never selected. The databases {@code admin}, {@code local}
 * and {@code config} are selected only by an include entry that names them literally (no wildcard
 * in the database part); a wildcard such as {@code *} or the default never selects them.
 */
public final class NamespaceFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The database in which dsync keeps its own state; never migrated. */
    public static final String TOOL_DATABASE = "__dsync";

    /** Databases a wildcard never selects. */
    public static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    /** Operation types the reader understands; others pass the filter so that they are seen. */
    private static final List<String> KNOWN_OPERATION_TYPES =
            List.of(
                    "insert",
                    "update",
                    "replace",
                    "delete",
                    "drop",
                    "rename",
                    "dropDatabase",
                    "create");

    private static final String SYSTEM_COLLECTION_REGEX = "^system\\.";

    private final List<Entry> includes;
    private final List<Entry> excludes;

    private NamespaceFilter(List<Entry> includes, List<Entry> excludes) {
        this.includes = includes.isEmpty() ? List.of(Entry.parse("*")) : List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
    }

    /** Every user namespace (no includes, no excludes). */
    public static NamespaceFilter all() {
        return new NamespaceFilter(List.of(), List.of());
    }

    /**
     * @param includes {@code --include} entries; empty means every database
     * @param excludes {@code --exclude} entries
     * @throws IllegalArgumentException if an entry is malformed
     */
    public static NamespaceFilter of(List<String> includes, List<String> excludes) {
        return new NamespaceFilter(parseAll(includes), parseAll(excludes));
    }

    private static List<Entry> parseAll(List<String> entries) {
        List<Entry> parsed = new ArrayList<>();
        for (String e : Objects.requireNonNull(entries, "entries")) {
            parsed.add(Entry.parse(e));
        }
        return parsed;
    }

    /** Whether some collection of {@code database} may be selected. */
    public boolean includesDatabase(String database) {
        if (database.equals(TOOL_DATABASE)) {
            return false;
        }
        return includes.stream().anyMatch(e -> e.matchesDatabase(database))
                && excludes.stream()
                        .noneMatch(e -> e.coversWholeDatabase() && e.matchesDatabase(database));
    }

    /** Whether the namespace is selected. */
    public boolean includes(Namespace ns) {
        if (ns.database().equals(TOOL_DATABASE) || ns.collection().startsWith("system.")) {
            return false;
        }
        return includes.stream().anyMatch(e -> e.matches(ns))
                && excludes.stream().noneMatch(e -> e.matches(ns));
    }

    /**
     * A {@code $match} stage for a deployment-wide change stream that keeps the events of selected
     * namespaces: document events and {@code drop}/{@code create} whose {@code ns} is selected,
     * {@code rename} whose source ({@code ns}) or target ({@code to}) is selected, {@code
     * dropDatabase} (which has only {@code ns.db}) of a database that may hold selected
     * collections. Events of operation types the reader does not know (and {@code invalidate}) pass
     * when they have no namespace or one in a selected database, so that the reader sees and
     * refuses them instead of their being dropped silently on the server.
     *
     * <p>See https://www.mongodb.com/docs/manual/reference/change-events/ for the event fields.
     */
    public BsonDocument changeStreamMatch() {
        BsonArray anyOf = new BsonArray();
        anyOf.add(namespaceSelectedAt("ns"));
        anyOf.add(namespaceSelectedAt("to"));
        anyOf.add(
                and(
                        new BsonDocument("operationType", new BsonString("dropDatabase")),
                        databaseSelectedAt("ns.db")));
        BsonArray known = new BsonArray();
        KNOWN_OPERATION_TYPES.forEach(t -> known.add(new BsonString(t)));
        anyOf.add(
                and(
                        new BsonDocument("operationType", new BsonDocument("$nin", known)),
                        new BsonDocument(
                                "$or",
                                new BsonArray(
                                        List.of(
                                                new BsonDocument(
                                                        "ns.db",
                                                        new BsonDocument(
                                                                "$exists", BsonBoolean.FALSE)),
                                                databaseSelectedAt("ns.db"))))));
        return new BsonDocument("$match", new BsonDocument("$or", anyOf));
    }

    private BsonDocument namespaceSelectedAt(String path) {
        String db = path + ".db";
        String coll = path + ".coll";
        List<BsonDocument> all = new ArrayList<>();
        all.add(new BsonDocument(coll, new BsonDocument("$exists", BsonBoolean.TRUE)));
        all.add(new BsonDocument(db, new BsonDocument("$ne", new BsonString(TOOL_DATABASE))));
        all.add(
                new BsonDocument(
                        coll,
                        new BsonDocument(
                                "$not", new BsonRegularExpression(SYSTEM_COLLECTION_REGEX))));
        all.add(new BsonDocument("$or", array(includes.stream().map(e -> e.condition(db, coll)))));
        if (!excludes.isEmpty()) {
            all.add(
                    new BsonDocument(
                            "$nor", array(excludes.stream().map(e -> e.condition(db, coll)))));
        }
        return new BsonDocument("$and", new BsonArray(all));
    }

    private BsonDocument databaseSelectedAt(String dbPath) {
        List<BsonDocument> all = new ArrayList<>();
        all.add(new BsonDocument(dbPath, new BsonDocument("$ne", new BsonString(TOOL_DATABASE))));
        all.add(
                new BsonDocument(
                        "$or", array(includes.stream().map(e -> e.databaseCondition(dbPath)))));
        List<BsonDocument> wholeDbExcludes =
                excludes.stream()
                        .filter(Entry::coversWholeDatabase)
                        .map(e -> e.databaseCondition(dbPath))
                        .toList();
        if (!wholeDbExcludes.isEmpty()) {
            all.add(new BsonDocument("$nor", new BsonArray(wholeDbExcludes)));
        }
        return new BsonDocument("$and", new BsonArray(all));
    }

    private static BsonDocument and(BsonDocument a, BsonDocument b) {
        return new BsonDocument("$and", new BsonArray(List.of(a, b)));
    }

    private static BsonArray array(java.util.stream.Stream<BsonDocument> docs) {
        return new BsonArray(docs.toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamespaceFilter f
                && f.includes.equals(includes)
                && f.excludes.equals(excludes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(includes, excludes);
    }

    @Override
    public String toString() {
        return "include " + includes + " exclude " + excludes;
    }

    /** One include or exclude entry: a database pattern and an optional collection pattern. */
    private record Entry(
            String text, String databaseRegex, boolean databaseIsGlob, String collectionRegex)
            implements Serializable {

        static Entry parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(
                        "empty namespace pattern: expected 'db' or 'db.collection'");
            }
            int dot = text.indexOf('.');
            String db = dot < 0 ? text : text.substring(0, dot);
            String coll = dot < 0 ? null : text.substring(dot + 1);
            if (db.isEmpty() || (coll != null && coll.isEmpty())) {
                throw new IllegalArgumentException(
                        "malformed namespace pattern '"
                                + text
                                + "': expected 'db' or 'db.collection', e.g. 'shop.*' or"
                                + " '*.orders'");
            }
            return new Entry(
                    text, globToRegex(db), isGlob(db), coll == null ? null : globToRegex(coll));
        }

        boolean coversWholeDatabase() {
            return collectionRegex == null || collectionRegex.equals(globToRegex("*"));
        }

        boolean matchesDatabase(String database) {
            if (databaseIsGlob && SYSTEM_DATABASES.contains(database)) {
                return false;
            }
            return Pattern.matches(databaseRegex, database);
        }

        boolean matches(Namespace ns) {
            return matchesDatabase(ns.database())
                    && (collectionRegex == null
                            || Pattern.matches(collectionRegex, ns.collection()));
        }

        /** This entry as a query on the database field {@code dbPath}. */
        BsonDocument databaseCondition(String dbPath) {
            BsonDocument regex = new BsonDocument("$regex", new BsonString(databaseRegex));
            if (!databaseIsGlob) {
                return new BsonDocument(dbPath, regex);
            }
            BsonArray system = new BsonArray();
            SYSTEM_DATABASES.stream().sorted().forEach(d -> system.add(new BsonString(d)));
            return and(
                    new BsonDocument(dbPath, regex),
                    new BsonDocument(dbPath, new BsonDocument("$nin", system)));
        }

        /** This entry as a query on the namespace fields {@code dbPath} and {@code collPath}. */
        BsonDocument condition(String dbPath, String collPath) {
            BsonDocument db = databaseCondition(dbPath);
            if (collectionRegex == null) {
                return db;
            }
            return and(
                    db,
                    new BsonDocument(
                            collPath, new BsonDocument("$regex", new BsonString(collectionRegex))));
        }

        @Override
        public String toString() {
            return text;
        }

        private static boolean isGlob(String part) {
            return part.indexOf('*') >= 0 || part.indexOf('?') >= 0;
        }

        /** An anchored regular expression, valid in Java and in MongoDB's PCRE. */
        private static String globToRegex(String glob) {
            StringBuilder re = new StringBuilder("^");
            for (char c : glob.toCharArray()) {
                if (c == '*') {
                    re.append(".*");
                } else if (c == '?') {
                    re.append('.');
                } else if (!Character.isLetterOrDigit(c) && c != '_') {
                    re.append('\\').append(c);
                } else {
                    re.append(c);
                }
            }
            return re.append('$').toString();
        }
    }
}
