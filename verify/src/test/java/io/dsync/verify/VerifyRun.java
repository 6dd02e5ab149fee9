package io.dsync.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonDocument;

/** One verify run in a test: exit code, everything printed, and the report lines parsed. */
record VerifyRun(int exitCode, String output, List<BsonDocument> report) {

    /** Runs verify with the report written to {@code reportFile}, printing to a buffer. */
    static VerifyRun of(VerifyOptions.Builder options, Path reportFile) {
        return of(options, reportFile, "\0", () -> {});
    }

    /**
     * As {@link #of(VerifyOptions.Builder, Path)}, running {@code action} (in the printing thread)
     * the first time the output contains {@code marker}.
     */
    static VerifyRun of(
            VerifyOptions.Builder options, Path reportFile, String marker, Runnable action) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream() {
                    private boolean done;

                    @Override
                    public synchronized void write(byte[] b, int off, int len) {
                        super.write(b, off, len);
                        if (!done && toString(StandardCharsets.UTF_8).contains(marker)) {
                            done = true;
                            action.run();
                        }
                    }
                };
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new VerifyRunner(out).run(options.reportFile(reportFile).build());
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        return new VerifyRun(code, output, readReport(reportFile));
    }

    static List<BsonDocument> readReport(Path file) {
        try {
            return Files.readAllLines(file).stream().map(BsonDocument::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's kinds, in report order. */
    List<String> kinds() {
        return report.stream().map(line -> line.getString("kind").getValue()).toList();
    }

    /** The report line of the given kind (there must be exactly one). */
    BsonDocument line(String kind) {
        List<BsonDocument> lines =
                report.stream().filter(l -> l.getString("kind").getValue().equals(kind)).toList();
        if (lines.size() != 1) {
            throw new AssertionError("expected one " + kind + " line, got " + lines);
        }
        return lines.get(0);
    }
}
