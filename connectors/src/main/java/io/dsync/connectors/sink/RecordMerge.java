package io.dsync.connectors.sink;

import io.dsync.connectors.record.ChangeRecord;
import io.dsync.connectors.source.snapshot.IdKey;
import java.util.Arrays;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Folds two records of one document (one {@link RecordKeys} key) that meet in a sink batch into the
 * one write whose effect equals applying them in order, or says that no single write has that
 * effect (the writer then writes the batch first).
 *
 * <p>An upsert (copy, insert, update, replace) replaces whatever the document is, so it always wins
 * over what came before it. A delete is filtered by its event's whole {@code documentKey}: on a
 * sharded collection that is the shard key and {@code _id}, and a delete of {@code {_id: 1, sk:
 * "old"}} must not remove the document after a shard-key change moved it to {@code {_id: 1, sk:
 * "new"}} (the delete and the insert of a move come in either order). So, after an upsert of
 * document D:
 *
 * <ul>
 *   <li>a delete whose {@code documentKey} matches D removes D whatever was there before: it
 *       becomes a delete by {@code _id} alone;
 *   <li>a delete whose {@code documentKey} does not match D removes nothing: D stays.
 * </ul>
 *
 * Two deletes fold only when their filters are the same or the first one is by {@code _id} alone
 * (the document is then gone and the second finds nothing).
 */
final class RecordMerge {

    private static final String ID = "_id";

    private RecordMerge() {}

    /**
     * @return the record equivalent to {@code kept} then {@code next}, or null when there is none
     */
    static ChangeRecord merge(ChangeRecord kept, ChangeRecord next, IdCollation collation) {
        if (kept == null || next.kind() != ChangeRecord.Kind.DELETE || byIdOnly(next)) {
            return next;
        }
        if (kept.kind() != ChangeRecord.Kind.DELETE) {
            return matches(kept.document(), next.key(), collation) ? byId(next) : kept;
        }
        if (byIdOnly(kept)) {
            return kept;
        }
        return Arrays.equals(kept.key(), next.key()) ? next : null;
    }

    /** Whether a delete is filtered by {@code _id} alone (an unsharded collection's delete). */
    static boolean byIdOnly(ChangeRecord delete) {
        return IdKey.of(delete.key()).length == delete.key().length;
    }

    private static ChangeRecord byId(ChangeRecord delete) {
        return new ChangeRecord(
                ChangeRecord.Kind.DELETE,
                delete.namespace(),
                IdKey.of(delete.key()),
                null,
                delete.clusterTime());
    }

    /**
     * Whether the document has every value of the {@code documentKey} (dotted names are paths into
     * embedded documents; a missing field is null), compared as MongoDB compares them.
     */
    static boolean matches(byte[] document, byte[] documentKey, IdCollation collation) {
        RawBsonDocument doc = new RawBsonDocument(document);
        for (Map.Entry<String, BsonValue> field : new RawBsonDocument(documentKey).entrySet()) {
            if (field.getKey().equals(ID)) {
                continue; // one RecordKeys key: the _ids are equal
            }
            BsonValue value = valueAt(doc, field.getKey());
            if (!Arrays.equals(
                    canonicalBytes(value, collation),
                    canonicalBytes(field.getValue(), collation))) {
                return false;
            }
        }
        return true;
    }

    /** The value's canonical spelling, encoded (so embedded documents compare in field order). */
    private static byte[] canonicalBytes(BsonValue value, IdCollation collation) {
        BsonDocument holder = new BsonDocument("v", IdIdentity.canonical(value, collation));
        return IdKey.bytesOf(new RawBsonDocument(holder, new BsonDocumentCodec()));
    }

    private static BsonValue valueAt(BsonDocument document, String path) {
        BsonValue value = document;
        for (String part : path.split("\\.", -1)) {
            if (!value.isDocument() || !value.asDocument().containsKey(part)) {
                return BsonNull.VALUE;
            }
            value = value.asDocument().get(part);
        }
        return value;
    }
}
