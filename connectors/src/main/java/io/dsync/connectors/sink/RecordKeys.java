package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;
import org.bson.BsonDocument;

/**
 * Keys records by document as the destination identifies it: the source namespace, a NUL, then the
 * {@link IdIdentity} of the record's {@code _id} (raw BSON, one char per byte). Records of {@code
 * _id}s that MongoDB calls equal ({@code NumberInt(7)} and {@code NumberLong(7)}; strings equal
 * under the collection's collation) get one key, so they are routed, guarded and ordered as the one
 * document they are; the records keep their own bytes. Namespaces cannot contain NUL.
 *
 * <p>The same instance (same collations) must key the shuffle, the race guard and the sink's
 * batches.
 */
public final class RecordKeys implements KeySelector<ChangeRecord, String> {

    private static final long serialVersionUID = 1L;

    /** Keys for namespaces without a collation (every string compared by its bytes). */
    public static final RecordKeys INSTANCE = new RecordKeys(new HashMap<>());

    private final HashMap<String, IdCollation> collations;

    private RecordKeys(HashMap<String, IdCollation> collations) {
        this.collations = collations;
    }

    /**
     * Keys for namespaces with these default collations ({@code db.coll} to the {@code collation}
     * document {@code listCollections} reports); other namespaces compare strings by their bytes.
     */
    public static RecordKeys withCollations(Map<String, BsonDocument> collationsByNamespace) {
        HashMap<String, IdCollation> collations = new HashMap<>();
        collationsByNamespace.forEach(
                (namespace, collation) -> {
                    IdCollation c = IdCollation.of(collation);
                    if (c != null) {
                        collations.put(namespace, c);
                    }
                });
        return new RecordKeys(collations);
    }

    /** The key of a record. */
    public String keyOf(ChangeRecord record) {
        String namespace = record.namespace();
        byte[] identity = IdIdentity.of(record.key(), collations.get(namespace));
        StringBuilder sb = new StringBuilder(namespace.length() + 1 + identity.length);
        sb.append(namespace).append('\0');
        sb.append(new String(identity, StandardCharsets.ISO_8859_1));
        return sb.toString();
    }

    /** The default collation of a source namespace; null when it compares strings by bytes. */
    IdCollation collationOf(String namespace) {
        return collations.get(namespace);
    }

    @Override
    public String getKey(ChangeRecord record) {
        return keyOf(record);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordKeys k && k.collations.equals(collations);
    }

    @Override
    public int hashCode() {
        return collations.hashCode();
    }
}
