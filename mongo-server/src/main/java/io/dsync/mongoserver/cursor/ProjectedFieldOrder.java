package io.dsync.mongoserver.cursor;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Puts a projected document's fields in the order of the document it was projected from, as MongoDB
 * returns them (mongo-java-server orders them as the projection lists them); fields the source
 * lacks (computed ones) follow. Nested documents are ordered the same way. See the MongoDB manual,
 * "Project Fields to Return from Query".
 */
final class ProjectedFieldOrder {

    private ProjectedFieldOrder() {}

    static Document like(Document projected, Document source) {
        Document ordered = new Document();
        for (String field : source.keySet()) {
            if (projected.containsKey(field)) {
                Object value = projected.get(field);
                if (value instanceof Document nested
                        && source.get(field) instanceof Document from) {
                    value = like(nested, from);
                }
                ordered.put(field, value);
            }
        }
        for (String field : projected.keySet()) {
            if (!ordered.containsKey(field)) {
                ordered.put(field, projected.get(field));
            }
        }
        return ordered;
    }
}
