package io.dsync.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class TopLevelDollarFieldsTest {

    private static byte[] bytes(String json) {
        RawBsonDocument doc = RawBsonDocument.parse(json);
        byte[] bytes = new byte[doc.getByteBuffer().remaining()];
        doc.getByteBuffer().get(bytes);
        return bytes;
    }

    @Test
    void findsDollarPrefixedNamesAtTheTopLevelOnly() {
        assertThat(TopLevelDollarFields.present(bytes("{\"_id\": 1, \"$price\": 2}"))).isTrue();
        assertThat(TopLevelDollarFields.present(bytes("{\"_id\": 1, \"a\": {\"$x\": 1}}")))
                .isFalse();
        assertThat(TopLevelDollarFields.present(bytes("{\"_id\": 1, \"a$\": 1, \"b\": [1]}")))
                .isFalse();
    }
}
