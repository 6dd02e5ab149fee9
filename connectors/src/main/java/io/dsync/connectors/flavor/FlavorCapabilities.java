package io.dsync.connectors.flavor;

/**
 * What a flavor of deployment offers that dsync's plan depends on.
 *
 * @param deploymentChangeStream a change stream over the whole deployment ({@code client.watch()})
 *     is available without per-collection set-up; otherwise dsync opens one stream per collection
 * @param reportsDeletes change streams report {@code delete} events
 * @param startAtOperationTime change streams can start at a cluster time
 * @param markerForFirstToken a freshly opened stream may give no resume token until an event
 *     arrives, so dsync writes (and removes) a marker document to obtain the first one
 * @param changeStreamsNeedEnabling change streams must be switched on per collection first
 * @param cheapSkip {@code skip} on the {@code _id} index is cheap, so collections are split by
 *     paging the index; otherwise by the time in ObjectId {@code _id}s
 * @param throttlesWrites writes may be refused with error 16500 (TooManyRequests) when the
 *     provisioned throughput is exceeded
 */
public record FlavorCapabilities(
        boolean deploymentChangeStream,
        boolean reportsDeletes,
        boolean startAtOperationTime,
        boolean markerForFirstToken,
        boolean changeStreamsNeedEnabling,
        boolean cheapSkip,
        boolean throttlesWrites) {

    static final FlavorCapabilities MONGODB =
            new FlavorCapabilities(true, true, true, false, false, true, false);

    static final FlavorCapabilities COSMOS =
            new FlavorCapabilities(false, false, false, true, false, false, true);

    static final FlavorCapabilities DOCUMENTDB =
            new FlavorCapabilities(false, true, true, false, true, true, false);
}
