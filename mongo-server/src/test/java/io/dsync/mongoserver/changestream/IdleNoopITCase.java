package io.dsync.mongoserver.changestream;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.dsync.mongoserver.EmbeddedMongoServer;
import io.dsync.mongoserver.testing.MongoTestServers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * An idle primary writes periodic no-ops, so an idle change stream's resume token (its
 * postBatchResumeToken) and the cluster time advance without any write, and no event appears.
 * MongoDB manual, "Change Streams" → "Resume Tokens" (postBatchResumeToken).
 */
class IdleNoopITCase {

    @Test
    void idleChangeStreamResumeTokenAdvances() throws InterruptedException {
        try (EmbeddedMongoServer server =
                        MongoTestServers.startEmbedded(
                                b -> b.noopInterval(Duration.ofMillis(100)));
                MongoClient client = MongoClients.create(server.connectionString())) {
            var collection = client.getDatabase("idle").getCollection("c");
            collection.insertOne(new Document("_id", 1));
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream =
                    collection.watch().maxAwaitTime(50, TimeUnit.MILLISECONDS).cursor()) {
                assertThat(stream.tryNext()).isNull();
                BsonDocument first = stream.getResumeToken();
                BsonTimestamp firstTime = server.clock().current();
                BsonDocument latest = first;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (latest.equals(first) && System.nanoTime() < deadline) {
                    assertThat(stream.tryNext()).isNull();
                    latest = stream.getResumeToken();
                }
                assertThat(latest).isNotEqualTo(first);
                assertThat(latest.getString("_data").getValue())
                        .isGreaterThan(first.getString("_data").getValue());
                assertThat(server.clock().current()).isGreaterThan(firstTime);
            }
        }
    }
}
