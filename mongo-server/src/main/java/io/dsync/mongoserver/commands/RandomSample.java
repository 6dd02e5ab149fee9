package io.dsync.mongoserver.commands;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code $sample} stage: {@code size} distinct documents of its input chosen at random, in
 * random order; all of them (shuffled) when the input has fewer. See the MongoDB manual, "$sample
 * (aggregation)". mongo-java-server's own stage sorts with a random comparator, which breaks the
 * sort's contract on larger inputs.
 */
final class RandomSample {

    private final int size;

    private RandomSample(int size) {
        this.size = size;
    }

    /** Parses {@code {size: n}} with MongoDB's error codes. */
    static RandomSample parse(Object specification) {
        if (!(specification instanceof Document spec)) {
            throw new MongoServerError(28745, "the $sample stage specification must be an object");
        }
        for (String key : spec.keySet()) {
            if (!key.equals("size")) {
                throw new MongoServerError(28748, "unrecognized option to $sample: " + key);
            }
        }
        Object size = spec.get("size");
        if (size == null) {
            throw new MongoServerError(28749, "$sample stage must specify a size");
        }
        if (!(size instanceof Number number)) {
            throw new MongoServerError(28746, "size argument to $sample must be a number");
        }
        if (number.doubleValue() < 0) {
            throw new MongoServerError(28747, "size argument to $sample must not be negative");
        }
        return new RandomSample((int) Math.min(Integer.MAX_VALUE, number.longValue()));
    }

    /** A partial Fisher-Yates shuffle: the first {@code size} places get distinct random picks. */
    List<Document> apply(List<Document> input) {
        List<Document> documents = new ArrayList<>(input);
        int picks = Math.min(size, documents.size());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < picks; i++) {
            Collections.swap(documents, i, random.nextInt(i, documents.size()));
        }
        return new ArrayList<>(documents.subList(0, picks));
    }
}
