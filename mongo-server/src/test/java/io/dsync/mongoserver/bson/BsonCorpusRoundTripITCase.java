package io.dsync.mongoserver.bson;

import static io.dsync.mongoserver.bson.RawDocuments.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

/**
 * Every valid document of the BSON corpus (MongoDB specifications, "BSON Corpus") is stored and
 * returned byte for byte, field order included, as MongoDB does: through insert, find, replaceOne,
 * and a change stream's {@code fullDocument} (as written and by {@code updateLookup}). MongoDB
 * manual, "BSON Types". Needs the shared corpus; skips when that folder is absent.
 */
class BsonCorpusRoundTripITCase {

    private static final String CORPUS = "shared/datasets/bson-corpus";

    /** One corpus case, numbered, as a document {@code {_id: number, ...case fields}}. */
    private record Case(int id, String name, RawBsonDocument document) {
        boolean replaceable() {
            return document.keySet().stream().noneMatch(k -> k.startsWith("$"));
        }
    }

    @Test
    void everyValidCorpusDocumentRoundTripsByteForByte() throws IOException {
        List<Case> cases = corpusCases(corpusFolder());
        assertThat(cases).hasSizeGreaterThan(500);
        try (EmbeddedMongoServer server = MongoTestServers.startEmbedded(b -> {});
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<RawBsonDocument> collection =
                    client.getDatabase("corpus").getCollection("cases", RawBsonDocument.class);
            collection.insertOne(RawBsonDocument.parse("{_id: -1}"));
            try (MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream =
                    collection
                            .watch(RawBsonDocument.class)
                            .fullDocument(FullDocument.UPDATE_LOOKUP)
                            .cursor()) {
                writeEveryWay(collection, cases);
                assertFound(collection, cases);
                assertChangeEvents(stream, cases);
            }
        }
    }

    /**
     * Insert all, replace each by a placeholder, update each placeholder, replace each by the
     * original again (in bulk). MongoDB refuses top-level {@code $}-prefixed fields in a
     * replacement ("Field Names with Periods and Dollar Signs"): those documents are only inserted.
     */
    private static void writeEveryWay(
            MongoCollection<RawBsonDocument> collection, List<Case> cases) {
        collection.insertMany(cases.stream().map(Case::document).toList());
        List<Case> replaceable = cases.stream().filter(Case::replaceable).toList();
        collection.bulkWrite(
                replaceable.stream()
                        .map(
                                c ->
                                        new ReplaceOneModel<>(
                                                Filters.eq("_id", c.id()),
                                                RawBsonDocument.parse(
                                                        "{_id: " + c.id() + ", p: 1}")))
                        .toList());
        collection.bulkWrite(
                replaceable.stream()
                        .map(
                                c ->
                                        new UpdateOneModel<RawBsonDocument>(
                                                Filters.eq("_id", c.id()), Updates.set("p", 2)))
                        .toList());
        BulkWriteResult result =
                collection.bulkWrite(
                        replaceable.stream()
                                .map(
                                        c ->
                                                new ReplaceOneModel<>(
                                                        Filters.eq("_id", c.id()), c.document()))
                                .toList());
        assertThat(result.getModifiedCount()).isEqualTo(replaceable.size());
    }

    private static void assertFound(MongoCollection<RawBsonDocument> collection, List<Case> cases) {
        List<RawBsonDocument> found =
                collection
                        .find(Filters.gte("_id", 0))
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>());
        assertThat(found).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertThat(bytes(found.get(i)))
                    .as("find: %s", cases.get(i).name())
                    .isEqualTo(bytes(cases.get(i).document()));
        }
    }

    private static void assertChangeEvents(
            MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream,
            List<Case> cases) {
        for (Case c : cases) {
            ChangeStreamDocument<RawBsonDocument> insert = stream.next();
            assertThat(insert.getOperationType()).as(c.name()).isEqualTo(OperationType.INSERT);
            assertThat(bytes(insert.getFullDocument()))
                    .as("insert: %s", c.name())
                    .isEqualTo(bytes(c.document()));
        }
        List<Case> replaceable = cases.stream().filter(Case::replaceable).toList();
        for (Case c : replaceable) {
            assertThat(stream.next().getOperationType())
                    .as(c.name())
                    .isEqualTo(OperationType.REPLACE);
        }
        for (Case c : replaceable) {
            ChangeStreamDocument<RawBsonDocument> update = stream.next();
            assertThat(update.getOperationType()).as(c.name()).isEqualTo(OperationType.UPDATE);
            assertThat(bytes(update.getFullDocument()))
                    .as("updateLookup: %s", c.name())
                    .isEqualTo(bytes(c.document()));
        }
        for (Case c : replaceable) {
            ChangeStreamDocument<RawBsonDocument> replace = stream.next();
            assertThat(replace.getOperationType()).as(c.name()).isEqualTo(OperationType.REPLACE);
            assertThat(bytes(replace.getFullDocument()))
                    .as("replace: %s", c.name())
                    .isEqualTo(bytes(c.document()));
        }
    }

    /** The corpus in {@code shared/datasets} beside the project (or a worktree's parents). */
    private static Path corpusFolder() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(CORPUS);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "the BSON corpus folder ../shared/datasets/bson-corpus is absent");
        return null;
    }

    private static List<Case> corpusCases(Path folder) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            BsonDocument spec = BsonDocument.parse(Files.readString(file));
            for (BsonValue value : spec.getArray("valid", new org.bson.BsonArray())) {
                BsonDocument valid = value.asDocument();
                if (valid.getBoolean("lossy", org.bson.BsonBoolean.FALSE).getValue()) {
                    continue;
                }
                byte[] bytes =
                        HexFormat.of().parseHex(valid.getString("canonical_bson").getValue());
                if (new RawBsonDocument(bytes).containsKey("_id")) {
                    continue;
                }
                String name = file.getFileName() + ": " + valid.getString("description").getValue();
                cases.add(
                        new Case(cases.size(), name, RawDocuments.withIntId(cases.size(), bytes)));
            }
        }
        return cases;
    }
}
