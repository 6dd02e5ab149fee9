package io.dsync.connectors.record;

/**
 * The marker records that tell the snapshot/change race guard a namespace's initial copy is
 * durable: every snapshot copy of it was emitted before a checkpoint that has completed, so none is
 * still on its way and the guard needs no flags for it any more. The source emits them into its
 * record stream; the job routes them to every guard subtask and never to the sink.
 */
public final class CopyDurable {

    /**
     * The namespace a marker names when no copy at all is on its way any more: the whole initial
     * copy is durable, or the job copies nothing. Never a real namespace, which always has a dot.
     */
    public static final String EVERY_NAMESPACE = "*";

    private static final byte[] NO_KEY = new byte[0];

    private CopyDurable() {}

    /** The marker saying that no snapshot copy of {@code namespace} is on its way any more. */
    public static ChangeRecord marker(String namespace) {
        return new ChangeRecord(ChangeRecord.Kind.COPY_DURABLE, namespace, NO_KEY, null, 0L);
    }

    public static boolean isMarker(ChangeRecord record) {
        return record.kind() == ChangeRecord.Kind.COPY_DURABLE;
    }
}
