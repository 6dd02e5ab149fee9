package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.dsync.mongoserver.backend.DsyncDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads through views: a view's pipeline runs before the query's own stages, on the collection (or
 * view) it is defined on. See the MongoDB manual, "Views".
 */
final class ViewPipelines {

    private static final int MAX_VIEW_DEPTH = 20;

    private ViewPipelines() {}

    static boolean isChangeStream(Document aggregate) {
        List<Document> pipeline = Aggregation.parse(aggregate.get("pipeline"));
        return !pipeline.isEmpty() && pipeline.get(0).containsKey("$changeStream");
    }

    /** The aggregate command with every view in its target replaced by its definition. */
    static Document resolve(DsyncDatabase database, Document aggregate) {
        Document resolved = aggregate.clone();
        for (int depth = 0; ; depth++) {
            Document view = database.views().get((String) resolved.get("aggregate"));
            if (view == null) {
                return resolved;
            }
            if (depth == MAX_VIEW_DEPTH) {
                throw new MongoServerError(
                        43, "ViewDepthLimitExceeded", "View depth too deep or view cycle detected");
            }
            List<Document> pipeline = new ArrayList<>(Aggregation.parse(view.get("pipeline")));
            pipeline.addAll(Aggregation.parse(resolved.get("pipeline")));
            resolved.put("aggregate", view.get("viewOn"));
            resolved.put("pipeline", pipeline);
        }
    }

    /** A {@code find} on a view, as the equivalent {@code aggregate}. */
    static Document findAsAggregate(Document find) {
        List<Document> pipeline = new ArrayList<>();
        addStage(pipeline, "$match", find.get("filter"));
        addStage(pipeline, "$sort", find.get("sort"));
        addStage(pipeline, "$skip", find.get("skip"));
        addStage(pipeline, "$limit", find.get("limit"));
        addStage(pipeline, "$project", find.get("projection"));
        Document cursor = new Document();
        if (find.get("batchSize") != null) {
            cursor.put("batchSize", find.get("batchSize"));
        }
        return new Document("aggregate", find.get("find"))
                .append("pipeline", pipeline)
                .append("cursor", cursor);
    }

    private static void addStage(List<Document> pipeline, String stage, Object argument) {
        boolean empty =
                argument == null
                        || argument instanceof Document d && d.isEmpty()
                        || argument instanceof Number n && n.longValue() == 0;
        if (!empty) {
            pipeline.add(new Document(stage, argument));
        }
    }
}
