package io.dsync.mongoserver.cursor;

/**
 * MongoDB's cursor batch limits: a first batch of 101 documents unless {@code batchSize} says
 * otherwise, later batches as many as fit, and no batch above 16 MiB of documents (a single larger
 * document still goes alone). See the MongoDB manual, "Cursor Batches"
 * (https://www.mongodb.com/docs/manual/core/cursors/#cursor-batches).
 */
public final class BatchLimits {

    public static final int DEFAULT_FIRST_BATCH_SIZE = 101;
    public static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    /** Marks "no count limit" for a batch. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private BatchLimits() {}

    /** Documents in a first batch for the command's {@code batchSize} (null when absent). */
    public static int firstBatchSize(Integer batchSize) {
        return batchSize == null ? DEFAULT_FIRST_BATCH_SIZE : batchSize;
    }

    /** Documents in a {@code getMore} batch for its {@code batchSize} (null or 0 when absent). */
    public static int nextBatchSize(Integer batchSize) {
        return batchSize == null || batchSize <= 0 ? UNLIMITED : batchSize;
    }
}
