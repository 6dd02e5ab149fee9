package io.dsync.verify.catalog;

import com.mongodb.client.MongoClient;
import io.dsync.connectors.namespace.Namespace;
import io.dsync.connectors.sink.DeferredUniqueIndexes;
import io.dsync.verify.report.Finding;
import io.dsync.verify.report.FindingKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * Compares what is not documents: the collection type and options ({@code listCollections}) and the
 * index definitions ({@code listIndexes}: by name; key with its field order, and every option, the
 * server-added {@code ns} and {@code v} left out). See
 * https://www.mongodb.com/docs/manual/reference/command/listIndexes/ and
 * https://www.mongodb.com/docs/manual/reference/command/listCollections/#output
 */
public final class CollectionComparison {

    /** What was found for one pair. */
    public record Result(int sourceIndexes, int destinationIndexes, List<Finding> findings) {

        public long indexFindings() {
            return findings.stream().filter(f -> f.kind() != FindingKind.OPTIONS_DIFFERENT).count();
        }

        /** The indexes unique at the source that the destination has not made unique yet. */
        public List<String> notUniqueIndexes() {
            return findings.stream()
                    .filter(f -> f.kind() == FindingKind.INDEX_NOT_UNIQUE_ON_DESTINATION)
                    .map(Finding::index)
                    .toList();
        }

        public boolean optionsDiffer() {
            return findings.stream().anyMatch(f -> f.kind() == FindingKind.OPTIONS_DIFFERENT);
        }
    }

    private CollectionComparison() {}

    public static Result compare(
            NamespacePlan.Matched matched, MongoClient source, MongoClient destination) {
        NamespacePair pair = matched.pair();
        String ns = pair.source().fullName();
        String dst = pair.destination().fullName();
        List<Finding> findings = new ArrayList<>();
        BsonDocument sourceOptions =
                optionsWithType(matched.source().typeName(), matched.source().options());
        BsonDocument destinationOptions =
                optionsWithType(matched.destination().typeName(), matched.destination().options());
        if (!SpecEquivalence.equivalent(sourceOptions, destinationOptions)) {
            findings.add(Finding.options(ns, dst, sourceOptions, destinationOptions));
        }
        if (!matched.holdsDocuments()) {
            return new Result(0, 0, findings);
        }
        Map<String, BsonDocument> sourceIndexes = indexes(source, pair.source());
        Map<String, BsonDocument> destinationIndexes = indexes(destination, pair.destination());
        sourceIndexes.forEach(
                (name, spec) -> {
                    BsonDocument other = destinationIndexes.get(name);
                    if (other == null) {
                        findings.add(
                                Finding.index(
                                        FindingKind.INDEX_MISSING_ON_DESTINATION,
                                        ns,
                                        dst,
                                        name,
                                        spec,
                                        null));
                    } else if (notYetUnique(spec, other)) {
                        findings.add(
                                Finding.index(
                                        FindingKind.INDEX_NOT_UNIQUE_ON_DESTINATION,
                                        ns,
                                        dst,
                                        name,
                                        spec,
                                        other));
                    } else if (!sameIndex(spec, other)) {
                        findings.add(
                                Finding.index(
                                        FindingKind.INDEX_DIFFERENT, ns, dst, name, spec, other));
                    }
                });
        destinationIndexes.forEach(
                (name, spec) -> {
                    if (!sourceIndexes.containsKey(name)) {
                        findings.add(
                                Finding.index(
                                        FindingKind.INDEX_EXTRA_ON_DESTINATION,
                                        ns,
                                        dst,
                                        name,
                                        null,
                                        spec));
                    }
                });
        return new Result(sourceIndexes.size(), destinationIndexes.size(), findings);
    }

    private static BsonDocument optionsWithType(String type, BsonDocument options) {
        BsonDocument withType = new BsonDocument("type", new BsonString(type));
        withType.putAll(options);
        return withType;
    }

    /**
     * Whether the destination's index is the source's unique index without {@code unique}: what a
     * migration builds until it is finalized ({@code dsync finalize}).
     */
    static boolean notYetUnique(BsonDocument source, BsonDocument destination) {
        if (!DeferredUniqueIndexes.isUnique(source) || destination.containsKey("unique")) {
            return false;
        }
        BsonDocument withoutUnique = source.clone();
        withoutUnique.remove("unique");
        BsonDocument destinationWithoutPrepare = destination.clone();
        destinationWithoutPrepare.remove("prepareUnique");
        return sameIndex(withoutUnique, destinationWithoutPrepare);
    }

    static boolean sameIndex(BsonDocument a, BsonDocument b) {
        BsonDocument keyA = a.getDocument("key", new BsonDocument());
        BsonDocument keyB = b.getDocument("key", new BsonDocument());
        return SpecEquivalence.equivalentOrdered(keyA, keyB) && SpecEquivalence.equivalent(a, b);
    }

    private static Map<String, BsonDocument> indexes(MongoClient client, Namespace ns) {
        Map<String, BsonDocument> byName = new LinkedHashMap<>();
        for (BsonDocument spec :
                client.getDatabase(ns.database())
                        .getCollection(ns.collection())
                        .listIndexes(BsonDocument.class)) {
            BsonDocument cleaned = spec.clone();
            cleaned.remove("ns");
            cleaned.remove("v");
            byName.put(cleaned.getString("name", new BsonString("")).getValue(), cleaned);
        }
        return byName;
    }
}
