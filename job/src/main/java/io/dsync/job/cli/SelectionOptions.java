package io.dsync.job.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that say what to migrate or verify, shared by {@code migrate} and {@code verify} so
 * that a user passes the same ones to both.
 */
public final class SelectionOptions {

    String source;

    String destination;

    // Setters, so that a password is known before anything can print it, also when the option
    // comes from an @file argument (see KnownPasswords).
    @Option(
            names = "--source",
            required = true,
            paramLabel = "URI",
            description = "Source connection string (mongodb:// or mongodb+srv://).")
    void setSource(String uri) {
        KnownPasswords.rememberIn(uri);
        this.source = uri;
    }

    @Option(
            names = "--destination",
            required = true,
            paramLabel = "URI",
            description = "Destination connection string.")
    void setDestination(String uri) {
        KnownPasswords.rememberIn(uri);
        this.destination = uri;
    }

    @Option(
            names = "--include",
            paramLabel = "PATTERN",
            description =
                    "Copy only these: db or db.coll, globs allowed (shop.*). Repeatable."
                            + " Default: every database but admin, local, config.")
    List<String> includes = new ArrayList<>();

    @Option(
            names = "--exclude",
            paramLabel = "PATTERN",
            description = "Leave these out: db or db.coll, globs allowed. Repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(
            names = "--map",
            paramLabel = "SRC:DST",
            description =
                    "Rename a database (sales:sales_v2) or collection"
                            + " (sales.orders:archive.orders_2024) on the destination. Repeatable.")
    List<String> maps = new ArrayList<>();

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    public List<String> maps() {
        return maps;
    }
}
