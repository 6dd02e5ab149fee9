package io.dsync.mongoserver.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code $sample} returns {@code size} distinct random documents, or all of them in random order
 * when the collection has fewer, on a collection of thousands of documents. MongoDB manual,
 * "$sample (aggregation)".
 */
class SampleStageITCase {

    private static final int DOCUMENTS = 5_000;

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoCollection<Document> collection;

    @BeforeAll
    static void start() {
        server = MongoTestServers.startEmbedded(b -> b.changeStreams(false));
        client = MongoClients.create(server.connectionString());
        collection = client.getDatabase("sample").getCollection("docs");
        collection.insertMany(
                IntStream.range(0, DOCUMENTS)
                        .mapToObj(i -> new Document("_id", i).append("i", i))
                        .toList());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static List<Object> ids(List<org.bson.conversions.Bson> pipeline) {
        return collection.aggregate(pipeline).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    @Test
    void manySamplesAreDistinctAndCoverTheCollection() {
        Set<Object> seen = new HashSet<>();
        for (int call = 0; call < 50; call++) {
            List<Object> ids = ids(List.of(Aggregates.sample(200)));
            assertThat(ids).hasSize(200).doesNotHaveDuplicates();
            seen.addAll(ids);
        }
        assertThat(seen).hasSizeGreaterThan(DOCUMENTS * 3 / 4);
    }

    @Test
    void sizeAboveTheCollectionReturnsEveryDocumentInRandomOrder() {
        List<Object> ids = ids(List.of(Aggregates.sample(DOCUMENTS * 2)));
        assertThat(ids).hasSize(DOCUMENTS).doesNotHaveDuplicates();
        assertThat(ids).isNotEqualTo(IntStream.range(0, DOCUMENTS).boxed().toList());
    }

    @Test
    void stagesBeforeAndAfterTheSampleApply() {
        List<Document> sampled =
                collection
                        .aggregate(
                                List.of(
                                        Aggregates.match(Filters.lt("i", 1000)),
                                        Aggregates.sample(50),
                                        Aggregates.project(Projections.include("_id"))))
                        .into(new ArrayList<>());
        assertThat(sampled).hasSize(50).doesNotHaveDuplicates();
        assertThat(sampled).allSatisfy(d -> assertThat(d.keySet()).containsExactly("_id"));
        assertThat(sampled).allSatisfy(d -> assertThat(d.getInteger("_id")).isLessThan(1000));
    }
}
