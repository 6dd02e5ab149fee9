package io.dsync.mongoserver.catalog;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What MongoDB reports about a collection besides its documents: the options it was created with
 * (as {@code listCollections} shows them) and its index specifications (as {@code listIndexes}
 * shows them), kept verbatim in creation order. Thread-safe.
 */
public final class CollectionMetadata {

    private Document options;
    private final List<Document> indexes = new ArrayList<>();

    public CollectionMetadata(Document options) {
        this.options = options.cloneDeeply();
        indexes.add(IndexSpecs.idIndex());
    }

    public synchronized Document options() {
        return options.cloneDeeply();
    }

    public synchronized void setOption(String name, Object value) {
        options.put(name, value);
    }

    public synchronized List<Document> indexes() {
        List<Document> copy = new ArrayList<>();
        indexes.forEach(index -> copy.add(index.cloneDeeply()));
        return copy;
    }

    public synchronized Optional<Document> index(String name) {
        return indexes.stream().filter(i -> name.equals(i.get("name"))).findFirst();
    }

    public synchronized void addIndex(Document spec) {
        indexes.add(spec.cloneDeeply());
    }

    public synchronized boolean removeIndex(String name) {
        return indexes.removeIf(i -> name.equals(i.get("name")));
    }

    /** A copy carrying the same options and indexes (for a rename across databases). */
    public synchronized CollectionMetadata copy() {
        CollectionMetadata copy = new CollectionMetadata(options);
        copy.indexes.clear();
        indexes.forEach(i -> copy.indexes.add(i.cloneDeeply()));
        return copy;
    }
}
