package io.dsync.benchmarks.results;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one invocation measured: figures, target checks and notes (what bounds a figure, what
 * tuning was tried). Printed as a table and written as {@code <date>.md} and {@code <date>.jsonl}.
 */
public final class Report {

    private final Machine machine;
    private final String date;
    private final String invocation;
    private final List<Figure> figures = new ArrayList<>();
    private final List<TargetCheck> targets = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final List<String> conditions = new ArrayList<>();

    public Report(Machine machine, String date, String invocation) {
        this.machine = machine;
        this.date = date;
        this.invocation = invocation;
    }

    public synchronized void add(Figure figure) {
        figures.add(figure);
        System.out.println("  " + row(figure));
    }

    public synchronized void check(TargetCheck target) {
        targets.add(target);
        System.out.println(
                "  "
                        + target.verdict()
                        + "  "
                        + target.target()
                        + ": "
                        + target.measured()
                        + (target.pass() || target.bound() == null
                                ? ""
                                : " (" + target.bound() + ")"));
    }

    /** A line about the conditions of the run (e.g. the machine's load), in the header. */
    public synchronized void condition(String text) {
        conditions.add(text);
    }

    /** A paragraph of explanation under the scenario's table. */
    public synchronized void note(String scenario, String text) {
        notes.computeIfAbsent(scenario, s -> new ArrayList<>()).add(text);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public List<TargetCheck> targets() {
        return List.copyOf(targets);
    }

    /** Prints the whole table. */
    public void print(PrintStream out) {
        out.println();
        out.println("Results (" + machine.describe() + ")");
        String scenario = null;
        for (Figure figure : figures) {
            if (!figure.scenario().equals(scenario)) {
                scenario = figure.scenario();
                out.println("[" + scenario + "]");
            }
            out.println("  " + row(figure));
        }
        out.println("Targets:");
        for (TargetCheck target : targets) {
            out.println(
                    "  "
                            + target.verdict()
                            + "  ["
                            + target.scenario()
                            + "] "
                            + target.target()
                            + ": "
                            + target.measured());
        }
    }

    /** Writes {@code <dir>/<date>.md} and {@code <dir>/<date>.jsonl}; returns the markdown path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder jsonl = new StringBuilder();
        for (Figure figure : figures) {
            jsonl.append(figure.toJson(machine, date)).append('\n');
        }
        Files.writeString(dir.resolve(date + ".jsonl"), jsonl, StandardCharsets.UTF_8);
        Path md = dir.resolve(date + ".md");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        return md;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# dsync benchmark results, ").append(date).append("\n\n");
        md.append("- Machine: ").append(machine.describe()).append('\n');
        md.append("- Command: `").append(invocation).append("`\n");
        for (String condition : conditions) {
            md.append("- ").append(condition).append('\n');
        }
        md.append(
                "- Every server, job and baseline ran in its own JVM process; CPU and peak RSS"
                        + " (VmHWM) are the measured process's alone.\n\n");
        md.append(
                "## Targets\n\n| | scenario | target | measured | what bounds it |\n|---|---|---|---|---|\n");
        for (TargetCheck t : targets) {
            md.append("| ")
                    .append(t.verdict())
                    .append(" | ")
                    .append(t.scenario())
                    .append(" | ")
                    .append(t.target())
                    .append(" | ")
                    .append(t.measured())
                    .append(" | ")
                    .append(t.bound() == null ? "" : t.bound().replace("|", "\\|"))
                    .append(" |\n");
        }
        String scenario = null;
        for (Figure f : figures) {
            if (!f.scenario().equals(scenario)) {
                appendNotes(md, scenario);
                scenario = f.scenario();
                md.append("\n## ").append(scenario).append("\n\n");
                md.append("| figure | value | unit | vs baseline |\n|---|---:|---|---|\n");
            }
            md.append("| ")
                    .append(f.name())
                    .append(" | ")
                    .append(format(f.value()))
                    .append(" | ")
                    .append(f.unit())
                    .append(" | ")
                    .append(
                            f.ratio() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT, "%.2fx %s", f.ratio(), f.baseline()))
                    .append(" |\n");
        }
        appendNotes(md, scenario);
        for (Map.Entry<String, List<String>> entry : notes.entrySet()) {
            if (figures.stream().noneMatch(f -> f.scenario().equals(entry.getKey()))) {
                scenario = entry.getKey();
                md.append("\n## ").append(scenario).append("\n");
                appendNotes(md, scenario);
            }
        }
        return md.toString();
    }

    private void appendNotes(StringBuilder md, String scenario) {
        if (scenario == null || !notes.containsKey(scenario)) {
            return;
        }
        md.append('\n');
        for (String note : notes.get(scenario)) {
            md.append(note).append("\n\n");
        }
    }

    private static String row(Figure f) {
        return String.format(
                Locale.ROOT,
                "%-62s %14s %-7s%s",
                f.name(),
                format(f.value()),
                f.unit(),
                f.ratio() == null
                        ? ""
                        : String.format(Locale.ROOT, "  %.2fx %s", f.ratio(), f.baseline()));
    }

    static String format(double value) {
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
