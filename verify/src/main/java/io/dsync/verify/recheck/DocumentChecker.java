package io.dsync.verify.recheck;

import com.mongodb.client.MongoClient;
import io.dsync.verify.CompareMode;
import io.dsync.verify.bson.DocumentDigester;
import io.dsync.verify.catalog.NamespacePair;
import io.dsync.verify.job.Outcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads given {@code _id}s on both sides now and compares them as the job does. */
public final class DocumentChecker {

    private final MongoClient source;
    private final MongoClient destination;
    private final List<NamespacePair> pairs;
    private final DocumentDigester digester;

    public DocumentChecker(
            MongoClient source,
            MongoClient destination,
            List<NamespacePair> pairs,
            CompareMode mode) {
        this.source = source;
        this.destination = destination;
        this.pairs = pairs;
        this.digester = new DocumentDigester(mode);
    }

    /**
     * Re-reads every difference's documents.
     *
     * @return the same {@code _id}s in the same order, with the documents now read and the outcome
     *     now ({@code null} when the document is absent on both sides)
     */
    public List<DocumentDifference> check(List<DocumentDifference> differences) {
        Map<Integer, List<byte[]>> idsByPair = new LinkedHashMap<>();
        for (DocumentDifference d : differences) {
            idsByPair.computeIfAbsent(d.pair(), p -> new ArrayList<>()).add(d.id());
        }
        Map<Integer, Map<ByteBuffer, byte[]>> sourceDocs = new LinkedHashMap<>();
        Map<Integer, Map<ByteBuffer, byte[]>> destinationDocs = new LinkedHashMap<>();
        idsByPair.forEach(
                (pair, ids) -> {
                    NamespacePair p = pairs.get(pair);
                    sourceDocs.put(pair, DocumentLookup.find(source, p.source(), ids));
                    destinationDocs.put(
                            pair, DocumentLookup.find(destination, p.destination(), ids));
                });
        List<DocumentDifference> checked = new ArrayList<>(differences.size());
        for (DocumentDifference d : differences) {
            ByteBuffer key = ByteBuffer.wrap(d.id());
            byte[] s = sourceDocs.get(d.pair()).get(key);
            byte[] t = destinationDocs.get(d.pair()).get(key);
            checked.add(new DocumentDifference(d.pair(), d.id(), outcome(s, t), s, t));
        }
        return checked;
    }

    private Outcome outcome(byte[] sourceDocument, byte[] destinationDocument) {
        if (sourceDocument == null) {
            return destinationDocument == null ? null : Outcome.EXTRA_ON_DESTINATION;
        }
        if (destinationDocument == null) {
            return Outcome.MISSING_ON_DESTINATION;
        }
        return digester.digest(sourceDocument).equals(digester.digest(destinationDocument))
                ? Outcome.MATCHED
                : Outcome.DIFFERENT;
    }
}
