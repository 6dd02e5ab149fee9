package io.dsync.benchmarks.data;

/**
 * One database of benchmark documents: {@code documents} documents of {@code documentSize} bytes,
 * spread evenly over {@code collections} collections ({@code c0} has mixed {@code _id} types).
 */
public record DataSet(String database, long documents, int documentSize, int collections) {

    public DataSet {
        if (documents < collections) {
            throw new IllegalArgumentException(
                    "need at least one document per collection: " + documents + " documents");
        }
    }

    /** Documents in collection {@code collection}. */
    public long documentsIn(int collection) {
        return documents / collections + (collection < documents % collections ? 1 : 0);
    }

    /** The documents' generator. */
    public BenchDocuments generator() {
        return new BenchDocuments(collections, documentSize);
    }

    /** Bytes of all documents. */
    public long bytes() {
        return documents * (long) documentSize;
    }

    public double megabytes() {
        return bytes() / 1e6;
    }
}
