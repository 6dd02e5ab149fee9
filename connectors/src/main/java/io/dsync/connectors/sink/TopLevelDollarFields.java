package io.dsync.connectors.sink;

import java.nio.ByteBuffer;
import org.bson.BsonBinaryReader;
import org.bson.BsonType;

/**
 * Whether a document has a top-level field whose name starts with {@code $}. MongoDB stores such
 * documents (inserts accept them since 5.0) but refuses them as a replacement document (error 52,
 * "The dollar ($) prefixed field ... is not allowed in the context of an update's replacement
 * document"), so the sink writes them as delete + insert instead of replace-with-upsert.
 *
 * @see <a href="https://www.mongodb.com/docs/manual/core/dot-dollar-considerations/">Field names
 *     with periods and dollar signs</a>
 */
final class TopLevelDollarFields {

    private TopLevelDollarFields() {}

    static boolean present(byte[] document) {
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(document))) {
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                if (reader.readName().startsWith("$")) {
                    return true;
                }
                reader.skipValue();
            }
            return false;
        }
    }
}
