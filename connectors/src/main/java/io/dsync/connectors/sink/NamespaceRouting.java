package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import java.util.Collection;
import java.util.TreeSet;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Routes records to the race guard and the sink: by document ({@link RecordKeys}), except the
 * namespaces whose documents must be written in the order they come, which go whole to one key
 * (connectors/README.md, "Capped collections"). The key of such a namespace is its name and a NUL,
 * with no document key after it, so that it is told apart from every document key.
 */
public final class NamespaceRouting implements KeySelector<ChangeRecord, String> {

    private static final long serialVersionUID = 1L;

    private final RecordKeys documentKeys;
    private final TreeSet<String> wholeNamespaces;

    private NamespaceRouting(RecordKeys documentKeys, Collection<String> wholeNamespaces) {
        this.documentKeys = documentKeys;
        this.wholeNamespaces = new TreeSet<>(wholeNamespaces);
    }

    /**
     * @param documentKeys the key of every other record: its document's
     * @param wholeNamespaces source namespaces ({@code db.coll}) routed whole, in order: the capped
     *     collections
     */
    public static NamespaceRouting ordering(
            RecordKeys documentKeys, Collection<String> wholeNamespaces) {
        return new NamespaceRouting(documentKeys, wholeNamespaces);
    }

    /** The keys of documents, also inside a namespace routed whole. */
    public RecordKeys documentKeys() {
        return documentKeys;
    }

    /** Whether the records of {@code namespace} go whole, in order, to one key. */
    public boolean isWhole(String namespace) {
        return wholeNamespaces.contains(namespace);
    }

    @Override
    public String getKey(ChangeRecord record) {
        return isWhole(record.namespace()) ? record.namespace() + '\0' : documentKeys.keyOf(record);
    }

    /** Whether {@code key} (of {@code record}) is a whole namespace's, not one document's. */
    public static boolean isWholeNamespaceKey(String key, ChangeRecord record) {
        return key.length() == record.namespace().length() + 1;
    }
}
