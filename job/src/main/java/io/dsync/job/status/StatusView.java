package io.dsync.job.status;

import java.io.PrintStream;

/**
 * Shows a running migration's status: a live multi-line view in a terminal, or one concise line per
 * update when stdout is not a terminal (CI, {@code nohup}, a cluster's logs).
 */
public interface StatusView extends AutoCloseable {

    void show(StatusSnapshot snapshot);

    @Override
    void close();

    /** The live view when stdout is an interactive terminal, else the line view. */
    static StatusView forOutput(PrintStream out) {
        if (out == System.out && System.console() != null) {
            StatusView live = TerminalStatusView.open();
            if (live != null) {
                return live;
            }
        }
        return new LineStatusView(out);
    }
}
