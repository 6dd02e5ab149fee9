package io.dsync.verify.bson;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.verify.CompareMode;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

class CanonicalBsonTest {

    static byte[] bytes(String json) {
        RawBsonDocument raw =
                new RawBsonDocument(BsonDocument.parse(json), new BsonDocumentCodec());
        return java.util.Arrays.copyOf(raw.getByteBuffer().array(), raw.getByteBuffer().limit());
    }

    @Test
    void sortsKeysRecursivelyAndKeepsArraysAndTypes() {
        byte[] canonical =
                CanonicalBson.of(
                        bytes("{'b': 1, 'a': {'z': 1, 'y': [{'q': 1, 'p': 2}, 3]}, '_id': 5}"));
        assertThat(new RawBsonDocument(canonical).toJson())
                .isEqualTo(
                        new RawBsonDocument(
                                        bytes(
                                                "{'_id': 5, 'a': {'y': [{'p': 2, 'q': 1}, 3], 'z':"
                                                        + " 1}, 'b': 1}"))
                                .toJson());
        assertThat(canonical)
                .isEqualTo(bytes("{'_id': 5, 'a': {'y': [{'p': 2, 'q': 1}, 3], 'z': 1}, 'b': 1}"));
    }

    @Test
    void fieldOrderOnlyDifferencesHaveTheSameDigestOnlyWhenIgnoringOrder() {
        byte[] x = bytes("{'_id': 1, 'a': 1, 'b': {'c': 1, 'd': 2}}");
        byte[] y = bytes("{'_id': 1, 'b': {'d': 2, 'c': 1}, 'a': 1}");
        DocumentDigester raw = new DocumentDigester(CompareMode.RAW_BYTES);
        DocumentDigester ignoring = new DocumentDigester(CompareMode.IGNORE_FIELD_ORDER);
        assertThat(raw.digest(x)).isNotEqualTo(raw.digest(y));
        assertThat(ignoring.digest(x)).isEqualTo(ignoring.digest(y));
    }

    @Test
    void numericTypesAndArrayOrderStillMatterWhenIgnoringFieldOrder() {
        DocumentDigester ignoring = new DocumentDigester(CompareMode.IGNORE_FIELD_ORDER);
        assertThat(ignoring.digest(bytes("{'a': 1}")))
                .isNotEqualTo(ignoring.digest(bytes("{'a': {'$numberLong': '1'}}")));
        assertThat(ignoring.digest(bytes("{'a': [1, 2]}")))
                .isNotEqualTo(ignoring.digest(bytes("{'a': [2, 1]}")));
    }

    @Test
    void digestIsStableAndDistinguishesBytes() {
        DocumentDigester raw = new DocumentDigester(CompareMode.RAW_BYTES);
        assertThat(raw.digest(bytes("{'a': 1}"))).isEqualTo(raw.digest(bytes("{'a': 1}")));
        assertThat(raw.digest(bytes("{'a': 1}"))).isNotEqualTo(raw.digest(bytes("{'a': 2}")));
        assertThat(raw.digest(bytes("{'a': 0.0}"))).isNotEqualTo(raw.digest(bytes("{'a': -0.0}")));
    }
}
