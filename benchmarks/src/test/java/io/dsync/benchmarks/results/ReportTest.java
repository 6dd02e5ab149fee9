package io.dsync.benchmarks.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private final Machine machine = new Machine(2, 8L << 30, "Test \"CPU\"", "JDK 17", "Linux");

    @Test
    void writesOneJsonObjectPerFigureAndAMarkdownTable(@TempDir Path dir) throws Exception {
        Report report = new Report(machine, "2025-01-01-1200", "benchmarks/run --docs 1000");
        report.add(Figure.of("copy", "loop: docs/s", 1000.0, "docs/s"));
        report.add(Figure.against("copy", "dsync: docs/s", 2500.0, "docs/s", "loop", 1000.0));
        report.check(new TargetCheck("copy", "dsync ≥ 1.5× loop", "2.50×", true, null));
        report.note("copy", "a note");

        Path md = report.write(dir);

        List<String> jsonl = Files.readAllLines(dir.resolve("2025-01-01-1200.jsonl"));
        assertThat(jsonl).hasSize(2);
        assertThat(jsonl.get(1))
                .startsWith(
                        "{\"scenario\":\"copy\",\"name\":\"dsync: docs/s\",\"value\":2500,"
                                + "\"unit\":\"docs/s\",\"baseline\":\"loop\",\"baselineRatio\":2.5,")
                .contains("\"machine\":{\"cores\":2,")
                .contains("\"cpu\":\"Test \\\"CPU\\\"\"");
        assertThat(jsonl.get(0)).contains("\"baseline\":null,\"baselineRatio\":null");
        String markdown = Files.readString(md);
        assertThat(markdown)
                .contains("| PASS | copy | dsync ≥ 1.5× loop | 2.50× |")
                .contains("| dsync: docs/s | 2,500 | docs/s | 2.50x loop |")
                .contains("a note");
    }

    @Test
    void numbersAreWrittenAsJsonNumbers() {
        assertThat(Json.number(3.0)).isEqualTo("3");
        assertThat(Json.number(0.125)).isEqualTo("0.125");
        assertThat(Json.number(Double.NaN)).isEqualTo("null");
        assertThat(Json.number(null)).isEqualTo("null");
        assertThat(Json.string("a\nb")).isEqualTo("\"a\\nb\"");
    }
}
