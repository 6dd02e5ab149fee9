package io.dsync.verify.bson;

import io.dsync.verify.CompareMode;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Finds the first field path at which two versions of a document differ, for the report.
 *
 * <p>Fields are visited in the source document's order, depth first (a top-level field, then inside
 * it when it is an embedded document or array); arrays are compared index by index. The first path
 * whose value or BSON type differs, or that exists on one side only, is reported, e.g. {@code
 * address.zip} or {@code items.2.qty}. Only when no value differs anywhere and the mode is {@link
 * CompareMode#RAW_BYTES}, the first position where the key order differs is reported (the key found
 * there in the source document). Paths join keys and array indexes with dots.
 */
public final class FirstDifference {

    private FirstDifference() {}

    /**
     * @return the first differing path, or {@code null} when the documents compare equal under the
     *     mode (for example when only duplicate keys make their bytes differ)
     */
    public static String of(byte[] source, byte[] destination, CompareMode mode) {
        return of(new RawBsonDocument(source), new RawBsonDocument(destination), mode);
    }

    /** As {@link #of(byte[], byte[], CompareMode)}, for decoded documents. */
    public static String of(BsonDocument source, BsonDocument destination, CompareMode mode) {
        BsonDocument a = decode(source);
        BsonDocument b = decode(destination);
        String path = documentValueDifference(a, b, "");
        if (path == null && mode == CompareMode.RAW_BYTES) {
            path = documentOrderDifference(a, b, "");
        }
        return path;
    }

    private static BsonDocument decode(BsonDocument document) {
        return document instanceof RawBsonDocument raw
                ? raw.decode(new org.bson.codecs.BsonDocumentCodec())
                : document;
    }

    private static String documentValueDifference(BsonDocument a, BsonDocument b, String prefix) {
        for (String key : a.keySet()) {
            String path = prefix + key;
            if (!b.containsKey(key)) {
                return path;
            }
            String nested = valueDifference(a.get(key), b.get(key), path);
            if (nested != null) {
                return nested;
            }
        }
        for (String key : b.keySet()) {
            if (!a.containsKey(key)) {
                return prefix + key;
            }
        }
        return null;
    }

    private static String valueDifference(BsonValue a, BsonValue b, String path) {
        if (a.getBsonType() != b.getBsonType()) {
            return path;
        }
        if (a.isDocument()) {
            return documentValueDifference(a.asDocument(), b.asDocument(), path + ".");
        }
        if (a.isArray()) {
            BsonArray x = a.asArray();
            BsonArray y = b.asArray();
            int common = Math.min(x.size(), y.size());
            for (int i = 0; i < common; i++) {
                String nested = valueDifference(x.get(i), y.get(i), path + "." + i);
                if (nested != null) {
                    return nested;
                }
            }
            return x.size() == y.size() ? null : path + "." + common;
        }
        return a.equals(b) ? null : path;
    }

    /** Called only when the two documents hold the same keys and values. */
    private static String documentOrderDifference(BsonDocument a, BsonDocument b, String prefix) {
        List<String> keysA = new ArrayList<>(a.keySet());
        List<String> keysB = new ArrayList<>(b.keySet());
        for (int i = 0; i < keysA.size() && i < keysB.size(); i++) {
            if (!keysA.get(i).equals(keysB.get(i))) {
                return prefix + keysA.get(i);
            }
        }
        for (String key : keysA) {
            String nested = valueOrderDifference(a.get(key), b.get(key), prefix + key);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static String valueOrderDifference(BsonValue a, BsonValue b, String path) {
        if (a.isDocument()) {
            return documentOrderDifference(a.asDocument(), b.asDocument(), path + ".");
        }
        if (a.isArray()) {
            BsonArray x = a.asArray();
            BsonArray y = b.asArray();
            for (int i = 0; i < x.size(); i++) {
                String nested = valueOrderDifference(x.get(i), y.get(i), path + "." + i);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
