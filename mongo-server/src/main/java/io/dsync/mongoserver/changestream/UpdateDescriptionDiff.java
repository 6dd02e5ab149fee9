package io.dsync.mongoserver.changestream;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the {@code updateDescription} of an update event by comparing the document before and
 * after the update ("Change Events" → update event, MongoDB manual:
 * https://www.mongodb.com/docs/v7.0/reference/change-events/update/).
 *
 * <p>As MongoDB's own diff of a document: a new or changed top-level field is an {@code
 * updatedFields} entry; a changed embedded document is described field by field with dotted paths
 * ({@code "a.b"}); a changed array element is {@code "arr.3"}, appended elements are new indexes,
 * and a shortened array is listed in {@code truncatedArrays} as {@code {field, newSize}}; removed
 * fields are listed by path in {@code removedFields}. Embedded documents with field names that
 * would make a path ambiguous (containing a dot, or all digits) are reported whole. Applying the
 * description to the old document (set the paths, unset the removed ones, truncate the arrays)
 * gives the new document.
 */
final class UpdateDescriptionDiff {

    private final Document updatedFields = new Document();
    private final List<Object> removedFields = new ArrayList<>();
    private final List<Object> truncatedArrays = new ArrayList<>();

    private UpdateDescriptionDiff() {}

    /** Returns {@code {updatedFields, removedFields, truncatedArrays}} for before → after. */
    static Document between(Document before, Document after) {
        UpdateDescriptionDiff diff = new UpdateDescriptionDiff();
        diff.diffDocuments("", before, after);
        return new Document("updatedFields", diff.updatedFields)
                .append("removedFields", diff.removedFields)
                .append("truncatedArrays", diff.truncatedArrays);
    }

    private void diffDocuments(String prefix, Document before, Document after) {
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                removedFields.add(prefix + key);
            }
        }
        for (Map.Entry<String, Object> field : after.entrySet()) {
            String key = field.getKey();
            Object newValue = field.getValue();
            if (!before.containsKey(key)) {
                updatedFields.put(prefix + key, copy(newValue));
            } else {
                diffValues(prefix + key, before.get(key), newValue);
            }
        }
    }

    private void diffValues(String path, Object oldValue, Object newValue) {
        if (Objects.equals(oldValue, newValue) && sameType(oldValue, newValue)) {
            return;
        }
        if (oldValue instanceof Document oldDocument
                && newValue instanceof Document newDocument
                && hasUnambiguousFieldNames(oldDocument)
                && hasUnambiguousFieldNames(newDocument)
                && sameFieldOrder(oldDocument, newDocument)) {
            diffDocuments(path + ".", oldDocument, newDocument);
        } else if (oldValue instanceof List<?> oldList && newValue instanceof List<?> newList) {
            diffArrays(path, oldList, newList);
        } else {
            updatedFields.put(path, copy(newValue));
        }
    }

    private void diffArrays(String path, List<?> oldList, List<?> newList) {
        if (newList.size() < oldList.size()) {
            truncatedArrays.add(new Document("field", path).append("newSize", newList.size()));
        }
        int common = Math.min(oldList.size(), newList.size());
        for (int i = 0; i < common; i++) {
            diffValues(path + "." + i, oldList.get(i), newList.get(i));
        }
        for (int i = common; i < newList.size(); i++) {
            updatedFields.put(path + "." + i, copy(newList.get(i)));
        }
    }

    /**
     * Field order is part of a BSON document: when the surviving fields of an embedded document
     * changed order, dotted-path updates could not reproduce it, so the document is reported whole.
     */
    private static boolean sameFieldOrder(Document before, Document after) {
        List<String> kept = new ArrayList<>();
        for (String key : before.keySet()) {
            if (after.containsKey(key)) {
                kept.add(key);
            }
        }
        List<String> surviving = new ArrayList<>(after.keySet());
        return surviving.subList(0, Math.min(kept.size(), surviving.size())).equals(kept);
    }

    private static boolean hasUnambiguousFieldNames(Document document) {
        for (String key : document.keySet()) {
            if (key.isEmpty()
                    || key.indexOf('.') >= 0
                    || key.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    /** Integer 1 and Long 1 are different BSON values even where Java equality would blur them. */
    private static boolean sameType(Object a, Object b) {
        return a == null ? b == null : b != null && a.getClass() == b.getClass();
    }

    private static Object copy(Object value) {
        if (value instanceof Document document) {
            return document.cloneDeeply();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element));
            }
            return copy;
        }
        return value;
    }
}
