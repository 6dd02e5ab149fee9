package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import io.dsync.mongoserver.backend.DsyncBackend;
import io.dsync.mongoserver.backend.DsyncCollection;
import io.dsync.mongoserver.backend.DsyncDatabase;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * An aggregation pipeline with {@code $sample} stages: the stages between them run on
 * mongo-java-server's aggregation, each {@code $sample} is a {@link RandomSample}.
 */
final class SampledPipeline {

    private SampledPipeline() {}

    static List<Document> run(
            Channel channel,
            DsyncBackend backend,
            DsyncDatabase database,
            String source,
            Document command,
            List<Document> pipeline) {
        int first = firstSample(pipeline);
        DsyncCollection collection = database.collection(source);
        List<Document> documents =
                first == 0
                        ? (collection == null ? List.of() : collection.snapshot())
                        : aggregate(
                                channel, backend, database, command, pipeline.subList(0, first));
        List<Document> segment = new ArrayList<>();
        for (Document stage : pipeline.subList(first, pipeline.size())) {
            if (stage.containsKey("$sample")) {
                documents = runStages(backend, database, collection, segment, documents);
                segment.clear();
                documents = RandomSample.parse(stage.get("$sample")).apply(documents);
            } else {
                segment.add(stage);
            }
        }
        return runStages(backend, database, collection, segment, documents);
    }

    private static int firstSample(List<Document> pipeline) {
        for (int i = 0; i < pipeline.size(); i++) {
            if (pipeline.get(i).containsKey("$sample")) {
                return i;
            }
        }
        return pipeline.size();
    }

    @SuppressWarnings("unchecked")
    private static List<Document> aggregate(
            Channel channel,
            DsyncBackend backend,
            DsyncDatabase database,
            Document command,
            List<Document> stages) {
        Document prefix = command.clone();
        prefix.put("pipeline", new ArrayList<>(stages));
        prefix.put("cursor", new Document());
        Document reply =
                database.handleCommand(
                        channel, "aggregate", prefix, backend::resolveDatabase, NoopOplog.get());
        List<Document> batch = (List<Document>) ((Document) reply.get("cursor")).get("firstBatch");
        DsyncCollection collection = database.collection((String) command.get("aggregate"));
        List<Document> copy = new ArrayList<>(batch.size());
        synchronized (collection != null ? collection.lock() : new Object()) {
            batch.forEach(d -> copy.add(d.clone()));
        }
        return copy;
    }

    private static List<Document> runStages(
            DsyncBackend backend,
            DsyncDatabase database,
            DsyncCollection collection,
            List<Document> stages,
            List<Document> documents) {
        if (stages.isEmpty()) {
            return documents;
        }
        return Aggregation.fromPipeline(
                        stages, backend::resolveDatabase, database, collection, NoopOplog.get())
                .runStages(documents.stream());
    }
}
