package io.dsync.mongoserver.bson;

import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Objects;

/** A BSON DBPointer (type 0x0C, deprecated): a namespace and an ObjectId. */
public record DbPointer(String namespace, ObjectId id) {

    public DbPointer {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return "DBPointer(" + namespace + ", " + id + ")";
    }
}
