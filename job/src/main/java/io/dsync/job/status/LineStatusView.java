package io.dsync.job.status;

import java.io.PrintStream;

/** One status line per update: for logs and non-interactive output. */
public final class LineStatusView implements StatusView {

    private final PrintStream out;

    public LineStatusView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void show(StatusSnapshot snapshot) {
        out.println(snapshot.summary());
    }

    @Override
    public void close() {
        out.flush();
    }
}
