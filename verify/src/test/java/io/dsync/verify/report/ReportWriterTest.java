package io.dsync.verify.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsync.connectors.sink.ConnectionStrings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writesOneCanonicalExtendedJsonLinePerFinding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/report.jsonl");
        ReportWriter.write(
                file,
                List.of(
                        Finding.document(
                                FindingKind.DIFFERENT, "db.c", "db.c", new BsonInt64(1), "a.b"),
                        Finding.document(
                                FindingKind.MISSING_ON_DESTINATION,
                                "db.c",
                                "x.y",
                                new BsonString("k\"\n"),
                                null),
                        Finding.count("db.c", "db.c", 10, 9),
                        Finding.index(
                                FindingKind.INDEX_MISSING_ON_DESTINATION,
                                "db.c",
                                "db.c",
                                "a_1",
                                new BsonDocument("key", new BsonDocument("a", new BsonInt32(1))),
                                null)));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines)
                .containsExactly(
                        "{\"namespace\": \"db.c\", \"_id\": {\"$numberLong\": \"1\"}, \"kind\":"
                                + " \"different\", \"field\": \"a.b\"}",
                        "{\"namespace\": \"db.c\", \"destination_namespace\": \"x.y\", \"_id\":"
                                + " \"k\\\"\\n\", \"kind\": \"missing_on_destination\"}",
                        "{\"namespace\": \"db.c\", \"kind\": \"count_different\", \"source_count\":"
                                + " 10, \"destination_count\": 9}",
                        "{\"namespace\": \"db.c\", \"kind\": \"index_missing_on_destination\","
                                + " \"index\": \"a_1\", \"source\": {\"key\": {\"a\":"
                                + " {\"$numberInt\": \"1\"}}}}");
        for (String line : lines) {
            assertThat(BsonDocument.parse(line).getString("namespace").getValue())
                    .isEqualTo("db.c");
        }
        assertThat(BsonDocument.parse(lines.get(0)).get("_id")).isEqualTo(new BsonInt64(1));
    }

    @Test
    void passwordsAreRedacted() {
        assertThat(ConnectionStrings.redact("mongodb://user:secret@host:27017/db?tls=true"))
                .isEqualTo("mongodb://user:****@host:27017/db?tls=true");
        assertThat(
                        ConnectionStrings.redactIn(
                                "cannot reach mongodb+srv://u:p%40ss@cluster.example.net now"))
                .isEqualTo("cannot reach mongodb+srv://u:****@cluster.example.net now");
    }
}
