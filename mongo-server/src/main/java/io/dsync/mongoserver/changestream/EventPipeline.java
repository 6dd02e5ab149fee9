package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.backend.aggregation.stage.AddFieldsStage;
import de.bwaldvogel.mongo.backend.aggregation.stage.AggregationStage;
import de.bwaldvogel.mongo.backend.aggregation.stage.MatchStage;
import de.bwaldvogel.mongo.backend.aggregation.stage.ProjectStage;
import de.bwaldvogel.mongo.backend.aggregation.stage.RedactStage;
import de.bwaldvogel.mongo.backend.aggregation.stage.ReplaceRootStage;
import de.bwaldvogel.mongo.backend.aggregation.stage.UnsetStage;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stages after {@code $changeStream}, applied to each event. MongoDB allows only stages that
 * transform or filter one document: {@code $addFields}, {@code $match}, {@code $project}, {@code
 * $replaceRoot}, {@code $replaceWith}, {@code $redact}, {@code $set}, {@code $unset} ("Change
 * Streams", MongoDB manual: "Modify Change Stream Output";
 * https://www.mongodb.com/docs/v7.0/changeStreams/#modify-change-stream-output). The stages
 * themselves are mongo-java-server's. {@code $changeStreamSplitLargeEvent}, when the server knows
 * it (MongoDB 7.0 and 6.0.9+), may only be the last stage and is applied by the cursor ({@link
 * LargeEventSplitter}), after the size of each event is known.
 */
final class EventPipeline {

    static final String SPLIT_LARGE_EVENT = "$changeStreamSplitLargeEvent";

    private final List<AggregationStage> stages;
    private final boolean onlyFilters;
    private final boolean splitsLargeEvents;

    private EventPipeline(
            List<AggregationStage> stages, boolean onlyFilters, boolean splitsLargeEvents) {
        this.stages = stages;
        this.onlyFilters = onlyFilters;
        this.splitsLargeEvents = splitsLargeEvents;
    }

    /**
     * Parses the stages that follow {@code $changeStream} in {@code pipeline}.
     *
     * @param splitStageKnown whether the server knows {@code $changeStreamSplitLargeEvent} (else it
     *     is an unrecognized stage, 40324, as on MongoDB before 6.0.9)
     */
    static EventPipeline parse(List<?> pipeline, boolean splitStageKnown) {
        List<AggregationStage> stages = new ArrayList<>();
        boolean onlyFilters = true;
        boolean split = false;
        for (Object element : pipeline.subList(1, pipeline.size())) {
            if (!(element instanceof Document stage) || stage.size() != 1) {
                throw new MongoServerError(
                        40323,
                        "A pipeline stage specification object must contain exactly one field.");
            }
            String name = stage.keySet().iterator().next();
            Object argument = stage.get(name);
            if (split) {
                throw ChangeStreamErrors.badValue(
                        SPLIT_LARGE_EVENT + " must be the last stage in the pipeline");
            }
            if (name.equals(SPLIT_LARGE_EVENT)) {
                if (!splitStageKnown) {
                    throw ChangeStreamErrors.unrecognizedStage(name);
                }
                if (!(argument instanceof Document spec) || !spec.isEmpty()) {
                    throw ChangeStreamErrors.badValue(
                            "the " + SPLIT_LARGE_EVENT + " stage takes an empty document: {}");
                }
                split = true;
                continue;
            }
            if (!name.equals("$match")) {
                onlyFilters = false;
            }
            stages.add(
                    switch (name) {
                        case "$match" -> new MatchStage(document(name, argument));
                        case "$project" -> new ProjectStage(argument);
                        case "$addFields", "$set" -> new AddFieldsStage(document(name, argument));
                        case "$unset" -> new UnsetStage(argument);
                        case "$replaceRoot" -> new ReplaceRootStage(document(name, argument));
                        case "$replaceWith" ->
                                new ReplaceRootStage(new Document("newRoot", argument));
                        case "$redact" -> new RedactStage(document(name, argument));
                        case "$changeStream" ->
                                throw new MongoServerError(
                                        40602,
                                        "$changeStream is only valid as the first stage in a pipeline.");
                        default ->
                                throw ChangeStreamErrors.illegalOperation(
                                        name + " is not permitted in a $changeStream pipeline");
                    });
        }
        return new EventPipeline(stages, onlyFilters, split);
    }

    /** Whether the pipeline ends with {@code $changeStreamSplitLargeEvent}. */
    boolean splitsLargeEvents() {
        return splitsLargeEvents;
    }

    private static Document document(String stage, Object argument) {
        if (!(argument instanceof Document document)) {
            throw new MongoServerError(15959, "the " + stage + " specification must be an object");
        }
        return document;
    }

    /**
     * Returns the event as transformed by the stages, or empty when a stage filtered it out.
     *
     * @throws MongoServerError ChangeStreamFatalError when the stages changed the event's {@code
     *     _id}, as MongoDB (the resume token must stay intact)
     */
    Optional<Document> apply(Document event) {
        if (stages.isEmpty()) {
            return Optional.of(event);
        }
        Object token = event.get("_id");
        // Transforming stages may change embedded documents in place: give them a private copy.
        Stream<Document> stream = Stream.of(onlyFilters ? event : event.cloneDeeply());
        for (AggregationStage stage : stages) {
            stream = stage.apply(stream);
        }
        Optional<Document> result = stream.findFirst();
        if (result.isPresent() && !token.equals(result.get().get("_id"))) {
            throw ChangeStreamErrors.fatal(
                    "Encountered an event whose _id field, which contains the resume token, was"
                            + " modified by the pipeline. Modifying the _id field of an event makes"
                            + " it impossible to resume the stream from that point. Only"
                            + " transformations that retain the unmodified _id field are allowed.");
        }
        return result;
    }
}
