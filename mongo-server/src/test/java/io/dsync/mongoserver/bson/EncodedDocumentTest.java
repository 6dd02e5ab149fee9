package io.dsync.mongoserver.bson;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.dsync.mongoserver.cursor.BsonSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedDocumentTest {

    private static final Document DOCUMENT =
            new Document("_id", new ObjectId())
                    .append("name", "Zoë ✓ 𝄞")
                    .append("nested", new Document("n", 1L).append("list", List.of(1, "two")));

    @Test
    void aReplyWithEncodedDocumentsIsByteIdenticalToOneWithTheDocuments() {
        ByteBuf scratch = Unpooled.buffer(8); // grows as needed, reused
        Document encoded =
                new Document(
                        "batch",
                        List.of(
                                EncodedDocument.of(DOCUMENT, scratch),
                                EncodedDocument.of(new Document("_id", 2), scratch)));
        Document plain = new Document("batch", List.of(DOCUMENT, new Document("_id", 2)));

        assertThat(bytes(encoded)).isEqualTo(bytes(plain));
        assertThat(BsonSize.of(encoded))
                .isEqualTo(BsonSize.of(plain))
                .isEqualTo(bytes(plain).length);
        assertThat(BsonSize.ofReplyDocument(EncodedDocument.of(DOCUMENT, scratch)))
                .isEqualTo(BsonSize.ofReplyDocument(DOCUMENT));
    }

    @Test
    void anEncodedDocumentIsASnapshot() {
        Document live = new Document("_id", 1).append("v", "before");
        EncodedDocument snapshot = EncodedDocument.of(live, Unpooled.buffer());
        live.put("v", "after, and longer");

        assertThat(bytes(new Document("d", snapshot)))
                .isEqualTo(bytes(new Document("d", new Document("_id", 1).append("v", "before"))));
    }

    private static byte[] bytes(Document document) {
        ByteBuf out = Unpooled.buffer();
        BsonDocumentEncoder.encode(document, out);
        return ByteBufUtil.getBytes(out);
    }
}
