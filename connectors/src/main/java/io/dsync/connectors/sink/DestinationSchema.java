package io.dsync.connectors.sink;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.dsync.connectors.consistency.ForcedConsistency;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares destination collections like their sources, through the {@link NamespaceMapping}:
 * collection options before the copy, secondary indexes (before or after it), and a check that the
 * destination holds no documents yet.
 */
public final class DestinationSchema {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationSchema.class);

    /** MongoDB's error code when the collection to create exists already. */
    private static final int NAMESPACE_EXISTS = 48;

    private static final int NAMESPACE_NOT_FOUND = 26;

    /** Options listCollections may show that {@code create} no longer accepts. */
    private static final Set<String> OBSOLETE_OPTIONS = Set.of("autoIndexId", "flags");

    private static final String ID_INDEX = "_id_";

    /** What {@link #createCollection} did. */
    public enum CreateOutcome {
        /** The destination collection was created with the source's options. */
        CREATED,
        /** The destination collection existed already and was left as it is. */
        ALREADY_EXISTS,
        /** The source is a view: it holds no data and nothing was created. */
        VIEW_SKIPPED,
        /** The source collection does not exist (any more). */
        SOURCE_MISSING
    }

    private final MongoClient source;
    private final MongoClient destination;
    private final NamespaceMapping mapping;

    public DestinationSchema(
            MongoClient source, MongoClient destination, NamespaceMapping mapping) {
        this.source = source;
        this.destination = destination;
        this.mapping = mapping;
    }

    /**
     * Creates the mapped destination collection with the source collection's options as {@code
     * listCollections} reports them (validator, validationLevel, validationAction, collation,
     * capped, size, max, clusteredIndex, changeStreamPreAndPostImages, storageEngine, ...). Does
     * nothing when the destination collection exists.
     *
     * @throws UnsupportedCollectionException when the source is a time-series collection
     * @see <a href="https://www.mongodb.com/docs/manual/reference/command/listCollections/">
     *     listCollections</a>
     * @see <a href="https://www.mongodb.com/docs/manual/reference/command/create/">create</a>
     */
    public CreateOutcome createCollection(Namespace sourceNamespace) {
        BsonDocument info = collectionInfo(source, sourceNamespace);
        if (info == null) {
            return CreateOutcome.SOURCE_MISSING;
        }
        String type = info.getString("type", new BsonString("collection")).getValue();
        BsonDocument options = info.getDocument("options", new BsonDocument());
        if ("timeseries".equals(type) || options.containsKey("timeseries")) {
            throw new UnsupportedCollectionException(
                    sourceNamespace,
                    "The source collection "
                            + sourceNamespace
                            + " is a time-series collection, which dsync cannot migrate (its"
                            + " documents live in internal bucket collections). Exclude it from"
                            + " the migration and copy it with mongodump/mongorestore.");
        }
        if ("view".equals(type)) {
            LOG.info("{} is a view: it holds no documents, skipping it", sourceNamespace);
            return CreateOutcome.VIEW_SKIPPED;
        }
        Namespace target = mapping.map(sourceNamespace);
        if (collectionInfo(destination, target) != null) {
            return CreateOutcome.ALREADY_EXISTS;
        }
        BsonDocument create = new BsonDocument("create", new BsonString(target.collection()));
        for (var option : options.entrySet()) {
            if (!OBSOLETE_OPTIONS.contains(option.getKey())) {
                create.put(option.getKey(), option.getValue());
            }
        }
        if (create.isDocument("clusteredIndex")) {
            // listCollections shows the index version, which create does not take.
            BsonDocument clustered = create.getDocument("clusteredIndex").clone();
            clustered.remove("v");
            create.put("clusteredIndex", clustered);
        }
        // runCommand takes no write concern from the client: dsync's own (ForcedConsistency)
        create.put("writeConcern", ForcedConsistency.WRITE_CONCERN.asDocument());
        try {
            destination.getDatabase(target.database()).runCommand(create);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == NAMESPACE_EXISTS) {
                return CreateOutcome.ALREADY_EXISTS;
            }
            throw e;
        }
        LOG.info("Created {} with the options of {}: {}", target, sourceNamespace, options);
        return CreateOutcome.CREATED;
    }

    /**
     * Creates at the destination every secondary index of the source collection, each from its
     * {@code listIndexes} spec as read ({@code ns} removed; {@code v}, {@code key}, {@code name}
     * and every option kept, except that a unique index is created non-unique until the migration
     * is finalized: {@link DeferredUniqueIndexes}), in one {@code createIndexes} command. Creating
     * an index that exists identically is a no-op; one that exists under the same name with other
     * options fails with a message naming it.
     *
     * @return the names of the indexes of the source (without {@code _id_})
     * @see <a href="https://www.mongodb.com/docs/manual/reference/command/createIndexes/">
     *     createIndexes</a>
     */
    public List<String> copyIndexes(Namespace sourceNamespace) {
        List<BsonDocument> specs = new ArrayList<>();
        try {
            for (BsonDocument spec :
                    source.getDatabase(sourceNamespace.database())
                            .getCollection(sourceNamespace.collection())
                            .listIndexes(BsonDocument.class)) {
                if (!ID_INDEX.equals(spec.getString("name").getValue())
                        && !spec.getBoolean("clustered", org.bson.BsonBoolean.FALSE).getValue()) {
                    BsonDocument copy = spec.clone();
                    copy.remove("ns");
                    specs.add(DeferredUniqueIndexes.duringMigration(copy));
                }
            }
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == NAMESPACE_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<String> names = new ArrayList<>();
        for (BsonDocument spec : specs) {
            names.add(spec.getString("name").getValue());
        }
        if (specs.isEmpty()) {
            return names;
        }
        Namespace target = mapping.map(sourceNamespace);
        BsonDocument command =
                new BsonDocument("createIndexes", new BsonString(target.collection()))
                        .append("indexes", new BsonArray(new ArrayList<BsonValue>(specs)))
                        .append("writeConcern", ForcedConsistency.WRITE_CONCERN.asDocument());
        try {
            destination.getDatabase(target.database()).runCommand(command);
        } catch (MongoCommandException e) {
            throw new IllegalStateException(
                    "Cannot create the indexes "
                            + names
                            + " of "
                            + sourceNamespace
                            + " on the destination "
                            + target
                            + ": "
                            + e.getErrorMessage()
                            + " (error code "
                            + e.getErrorCode()
                            + "). If an index of the same name exists there with other"
                            + " options, drop it at the destination and retry.",
                    e);
        }
        LOG.info("Indexes {} of {} exist on {}", names, sourceNamespace, target);
        return names;
    }

    /**
     * The first mapped destination namespace, in the order given, that holds at least one document;
     * empty when all are empty. Used to refuse starting a copy over existing data.
     */
    public Optional<Namespace> firstNonEmptyDestination(Collection<Namespace> sources) {
        for (Namespace sourceNamespace : sources) {
            Namespace target = mapping.map(sourceNamespace);
            RawBsonDocument any =
                    destination
                            .getDatabase(target.database())
                            .getCollection(target.collection(), RawBsonDocument.class)
                            .find()
                            .projection(Projections.include("_id"))
                            .limit(1)
                            .first();
            if (any != null) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code listCollections} entry of a collection, or null when it does not exist. The name
     * is also checked here because some MongoDB-compatible servers ignore the filter.
     */
    static BsonDocument collectionInfo(MongoClient client, Namespace namespace) {
        MongoDatabase database = client.getDatabase(namespace.database());
        for (BsonDocument info :
                database.listCollections(BsonDocument.class)
                        .filter(Filters.eq("name", namespace.collection()))) {
            if (namespace.collection().equals(info.getString("name").getValue())) {
                return info;
            }
        }
        return null;
    }
}
