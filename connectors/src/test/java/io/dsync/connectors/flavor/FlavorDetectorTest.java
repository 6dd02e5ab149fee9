package io.dsync.connectors.flavor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class FlavorDetectorTest {

    @Test
    void hostNamesOfCosmosDbAndDocumentDb() {
        assertThat(FlavorDetector.fromHosts(List.of("shop.mongo.cosmos.azure.com:10255")))
                .contains(Flavor.COSMOS);
        assertThat(FlavorDetector.fromHosts(List.of("SHOP.documents.azure.com:10255")))
                .contains(Flavor.COSMOS);
        assertThat(
                        FlavorDetector.fromHosts(
                                List.of(
                                        "orders.cluster-c1x2y3.eu-west-1.docdb.amazonaws.com:27017")))
                .contains(Flavor.DOCUMENTDB);
        assertThat(
                        FlavorDetector.fromHosts(
                                List.of("orders-123.eu-west-1.docdb-elastic.amazonaws.com")))
                .contains(Flavor.DOCUMENTDB);
        assertThat(FlavorDetector.fromHosts(List.of("cluster0.ab1cd.mongodb.net", "[::1]:27017")))
                .isEmpty();
        assertThat(FlavorDetector.fromHosts(List.of("docdb.amazonaws.com.evil.example"))).isEmpty();
    }

    @Test
    void repliesOfCosmosDb() {
        Document buildInfo = new Document("version", "4.2.0").append("_t", "BuildInfoResponse");
        assertThat(FlavorDetector.fromReplies(new Document("ok", 1), buildInfo, null))
                .contains(Flavor.COSMOS);
        Document hello = new Document("setName", "globaldb").append("isWritablePrimary", true);
        assertThat(FlavorDetector.fromReplies(hello, new Document("version", "4.2.0"), null))
                .contains(Flavor.COSMOS);
    }

    @Test
    void repliesOfDocumentDb() {
        assertThat(
                        FlavorDetector.fromReplies(
                                new Document("setName", "rs0"),
                                new Document("version", "5.0.0"),
                                "Command failed with error 303: 'Feature not supported:"
                                        + " getCmdLineOpts'"))
                .contains(Flavor.DOCUMENTDB);
    }

    @Test
    void repliesOfMongoDb() {
        assertThat(
                        FlavorDetector.fromReplies(
                                new Document("setName", "rs0"),
                                new Document("version", "7.0.14").append("modules", List.of()),
                                null))
                .isEqualTo(Optional.empty());
        assertThat(FlavorDetector.fromReplies(null, null, "no such command: 'getCmdLineOpts'"))
                .isEmpty();
    }

    @Test
    void parsesCliNames() {
        assertThat(Flavor.parse("Cosmos")).isEqualTo(Flavor.COSMOS);
        assertThat(Flavor.parse("documentdb")).isEqualTo(Flavor.DOCUMENTDB);
        assertThatThrownBy(() -> Flavor.parse("dynamo"))
                .hasMessageContaining("expected mongodb, cosmos or documentdb");
    }
}
