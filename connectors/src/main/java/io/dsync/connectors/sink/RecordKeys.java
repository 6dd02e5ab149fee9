package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys records by document: the source namespace, a NUL, then the key bytes ({@code {_id: v}} raw
 * BSON) as an ISO-8859-1 string, one char per byte. Lossless (namespaces cannot contain NUL), and
 * cheap to build, hash and serialize; two records get the same key exactly when they are about the
 * same document of the same source namespace.
 */
public final class RecordKeys implements KeySelector<ChangeRecord, String> {

    private static final long serialVersionUID = 1L;

    public static final RecordKeys INSTANCE = new RecordKeys();

    /** The key of a record. */
    public static String keyOf(ChangeRecord record) {
        String namespace = record.namespace();
        byte[] key = record.key();
        StringBuilder sb = new StringBuilder(namespace.length() + 1 + key.length);
        sb.append(namespace).append('\0');
        sb.append(new String(key, StandardCharsets.ISO_8859_1));
        return sb.toString();
    }

    @Override
    public String getKey(ChangeRecord record) {
        return keyOf(record);
    }
}
