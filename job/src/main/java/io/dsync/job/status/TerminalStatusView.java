package io.dsync.job.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * The live view in a terminal (JLine): a table of collections with documents copied of the
 * estimated total, then the change stream's events by type, the lag, and "ready for cutover",
 * redrawn in place.
 */
final class TerminalStatusView implements StatusView {

    private static final int MAX_NAMESPACE_LINES = 15;

    private final Terminal terminal;
    private final Display display;

    private TerminalStatusView(Terminal terminal) {
        this.terminal = terminal;
        this.display = new Display(terminal, false);
        display.resize(terminal.getHeight(), terminal.getWidth());
    }

    /** The view, or null when the terminal cannot redraw (a dumb terminal). */
    static TerminalStatusView open() {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
            if (Terminal.TYPE_DUMB.equals(terminal.getType())
                    || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                terminal.close();
                return null;
            }
            return new TerminalStatusView(terminal);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void show(StatusSnapshot s) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(
                new AttributedString(
                        String.format(
                                "dsync migrate — %ds — initial copy: %s",
                                s.elapsedSeconds(),
                                s.copyComplete()
                                        ? "complete"
                                        : String.format(
                                                "%s, %,.0f docs/s",
                                                s.copyProgress(), s.documentsPerSecond()))));
        int shown = 0;
        for (StatusSnapshot.NamespaceLine ns : s.namespaces()) {
            if (shown++ == MAX_NAMESPACE_LINES) {
                lines.add(
                        new AttributedString(
                                String.format(
                                        "  ... and %d more",
                                        s.namespaces().size() - MAX_NAMESPACE_LINES)));
                break;
            }
            lines.add(
                    new AttributedString(
                            String.format(
                                    "  %-40s %s  %,8.0f docs/s  ranges %d/%d",
                                    ns.namespace(),
                                    bar(ns.copied(), ns.estimated()),
                                    ns.documentsPerSecond(),
                                    ns.rangesFinished(),
                                    ns.rangesTotal())));
        }
        lines.add(
                new AttributedString(
                        String.format(
                                "change stream: %,d inserts  %,d updates  %,d replaces  %,d deletes  |  lag %s",
                                s.inserts(),
                                s.updates(),
                                s.replaces(),
                                s.deletes(),
                                s.lagSeconds() < 0 ? "-" : s.lagSeconds() + "s")));
        lines.add(
                new AttributedString(
                        String.format(
                                "destination: %,d written  %,d deleted  %,d retries",
                                s.written(), s.deleted(), s.writeRetries())));
        lines.add(
                new AttributedString(
                        s.readyForCutover()
                                ? "READY FOR CUTOVER: copy complete and lag under 2 s."
                                        + " Stop the application's writes, wait for lag 0, then Ctrl-C."
                                : "Ctrl-C stops with a savepoint (resume later with --resume)."));
        display.resize(terminal.getHeight(), terminal.getWidth());
        display.update(lines, -1);
        terminal.flush();
    }

    private static String bar(long copied, long estimated) {
        int width = 20;
        double fraction =
                estimated <= 0 ? (copied > 0 ? 1 : 0) : Math.min(1.0, (double) copied / estimated);
        int filled = (int) Math.round(fraction * width);
        return "["
                + "#".repeat(filled)
                + " ".repeat(width - filled)
                + "] "
                + String.format("%,d / ~%,d", copied, estimated);
    }

    @Override
    public void close() {
        try {
            terminal.writer().println();
            terminal.flush();
            terminal.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
