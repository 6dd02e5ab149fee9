package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.namespace.NamespaceMapping;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Finalization of the unique indexes that the migration created non-unique: converted to exactly
 * the source's definition when the destination's documents allow it, or refused naming the
 * duplicates by {@code _id}, changing no document.
 */
class UniqueIndexFinalizerITCase {

    private static final NamespaceMapping MAPPING = NamespaceMapping.parse("crm:crm_v2");
    private static final Namespace USERS = Namespace.parse("crm.users");

    @RegisterExtension static final MongoTestServers SERVERS = MongoTestServers.create();

    private MongoClient source;
    private MongoClient destination;
    private MongoCollection<Document> sourceUsers;
    private MongoCollection<Document> destinationUsers;

    @BeforeEach
    void start() {
        source = MongoClients.create(SERVERS.sourceUri());
        destination = MongoClients.create(SERVERS.destinationUri());
        source.getDatabase("crm").drop();
        destination.getDatabase("crm_v2").drop();
        sourceUsers = source.getDatabase("crm").getCollection("users");
        destinationUsers = destination.getDatabase("crm_v2").getCollection("users");
        sourceUsers.createIndex(
                Indexes.ascending("email"), new IndexOptions().unique(true).sparse(true));
        sourceUsers.createIndex(
                Indexes.ascending("login"), new IndexOptions().unique(true).name("login"));
        sourceUsers.createIndex(Indexes.ascending("city"));
        sourceUsers.insertOne(new Document("_id", 1).append("email", "x").append("login", "a"));
        sourceUsers.insertOne(new Document("_id", 2).append("email", "y").append("login", "b"));
        new DestinationSchema(source, destination, MAPPING).copyIndexes(USERS);
    }

    @AfterEach
    void stop() {
        source.close();
        destination.close();
    }

    @Test
    void convertsEveryDeferredUniqueIndexToTheSourcesExactDefinition() {
        destinationUsers.insertOne(
                new Document("_id", 1).append("email", "x").append("login", "a"));
        destinationUsers.insertOne(
                new Document("_id", 2).append("email", "y").append("login", "b"));
        assertThat(exact(indexes(destination, "crm_v2.users")))
                .isNotEqualTo(exact(indexes(source, "crm.users")));

        List<String> converted =
                new UniqueIndexFinalizer(source, destination, MAPPING)
                        .finalizeIndexes(List.of(USERS));

        assertThat(converted).containsExactly("crm_v2.users email_1", "crm_v2.users login");
        assertThat(exact(indexes(destination, "crm_v2.users")))
                .isEqualTo(exact(indexes(source, "crm.users")));
        assertThatThrownBy(
                        () ->
                                destinationUsers.insertOne(
                                        new Document("_id", 3).append("email", "x")))
                .isInstanceOf(MongoWriteException.class);
        // a second finalization has nothing left to do
        assertThat(
                        new UniqueIndexFinalizer(source, destination, MAPPING)
                                .finalizeIndexes(List.of(USERS)))
                .isEmpty();
    }

    @Test
    void realDuplicatesAreNamedByIdAndNothingIsLost() {
        destinationUsers.insertOne(
                new Document("_id", 1).append("email", "x").append("login", "a"));
        destinationUsers.insertOne(
                new Document("_id", 2).append("email", "x").append("login", "b"));
        destinationUsers.insertOne(
                new Document("_id", "u-3").append("email", "x").append("login", "c"));

        assertThatThrownBy(
                        () ->
                                new UniqueIndexFinalizer(source, destination, MAPPING)
                                        .finalizeIndexes(List.of(USERS)))
                .isInstanceOf(UniqueIndexConversionException.class)
                .hasMessage(
                        "Cannot make index email_1 of crm_v2.users unique: documents share a key,"
                                + " by _id 1, 2, \"u-3\". Nothing was deleted and these indexes"
                                + " stay non-unique: resolve the duplicates (compare them with the"
                                + " source) and run finalize again.");

        assertThat(destinationUsers.countDocuments()).isEqualTo(3);
        List<BsonDocument> after = indexes(destination, "crm_v2.users");
        assertThat(after.get(1)).doesNotContainKeys("unique", "prepareUnique");
        // the index without duplicates was converted
        assertThat(after.get(2).getBoolean("unique").getValue()).isTrue();
        destinationUsers.insertOne(
                new Document("_id", 4).append("email", "x").append("login", "d"));
    }

    /** Each index's exact definition (field order and BSON types), by name. */
    private static Map<String, String> exact(List<BsonDocument> specs) {
        JsonWriterSettings settings =
                JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
        Map<String, String> json = new TreeMap<>();
        specs.forEach(spec -> json.put(spec.getString("name").getValue(), spec.toJson(settings)));
        return json;
    }

    private static List<BsonDocument> indexes(MongoClient client, String namespace) {
        Namespace ns = Namespace.parse(namespace);
        List<BsonDocument> specs = new ArrayList<>();
        for (BsonDocument spec :
                client.getDatabase(ns.database())
                        .getCollection(ns.collection())
                        .listIndexes(BsonDocument.class)) {
            spec.remove("ns");
            specs.add(spec);
        }
        return specs;
    }
}
