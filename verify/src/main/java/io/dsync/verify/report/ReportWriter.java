package io.dsync.verify.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes the {@code --report} file: JSON lines, one per difference, e.g.
 *
 * <pre>{@code
 * {"namespace": "shop.orders", "_id": {"$oid": "..."}, "kind": "different", "field": "total"}
 * }</pre>
 *
 * <p>{@code _id} values, index specs and collection options are MongoDB Extended JSON v2 in
 * <b>canonical</b> mode (https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/), so
 * that BSON types survive ({@code {"$numberInt": "1"}} and {@code {"$numberLong": "1"}} are
 * different {@code _id}s). Keys: {@code namespace}, {@code destination_namespace} (only when mapped
 * elsewhere), {@code _id}, {@code kind}, {@code field}, {@code index}, {@code source}, {@code
 * destination} (specs or options), {@code source_count}, {@code destination_count}; keys without a
 * value are left out.
 */
public final class ReportWriter {

    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private ReportWriter() {}

    /** Writes the findings to {@code file}, replacing it. */
    public static void write(Path file, List<Finding> findings) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Finding finding : findings) {
                    out.write(toJson(finding));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report " + file + ": " + e, e);
        }
    }

    /** One report line (without the line end). */
    public static String toJson(Finding f) {
        StringBuilder json = new StringBuilder("{");
        field(json, "namespace", string(f.namespace()));
        if (!f.destinationNamespace().equals(f.namespace())) {
            field(json, "destination_namespace", string(f.destinationNamespace()));
        }
        if (f.id() != null) {
            field(json, "_id", value(f.id()));
        }
        field(json, "kind", string(f.kind().wireName()));
        if (f.field() != null) {
            field(json, "field", string(f.field()));
        }
        if (f.index() != null) {
            field(json, "index", string(f.index()));
        }
        if (f.sourceSpec() != null) {
            field(json, "source", value(f.sourceSpec()));
        }
        if (f.destinationSpec() != null) {
            field(json, "destination", value(f.destinationSpec()));
        }
        if (f.sourceCount() != null) {
            field(json, "source_count", Long.toString(f.sourceCount()));
        }
        if (f.destinationCount() != null) {
            field(json, "destination_count", Long.toString(f.destinationCount()));
        }
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String valueJson) {
        if (json.length() > 1) {
            json.append(", ");
        }
        json.append('"').append(name).append("\": ").append(valueJson);
    }

    private static String string(String text) {
        return value(new BsonString(text));
    }

    /** A value in canonical Extended JSON, written by the driver's own JSON writer. */
    static String value(BsonValue value) {
        String wrapped = new BsonDocument("v", value).toJson(CANONICAL);
        String prefix = "{\"v\": ";
        if (!wrapped.startsWith(prefix) || !wrapped.endsWith("}")) {
            throw new IllegalStateException("unexpected JSON from the driver: " + wrapped);
        }
        return wrapped.substring(prefix.length(), wrapped.length() - 1);
    }
}
