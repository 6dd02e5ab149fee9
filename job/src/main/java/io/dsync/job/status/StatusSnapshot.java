package io.dsync.job.status;

import java.util.List;

/**
 * The figures of a running migration at one moment, as the status views show them. {@code
 * deletesEmulationChecked} and {@code deletesEmulated} (namespaces compared, deletes found by the
 * deletes emulation of a Cosmos DB source) are -1 when it is off.
 */
public record StatusSnapshot(
        long elapsedSeconds,
        boolean copyComplete,
        long rangesFinished,
        long rangesTotal,
        long namespacesComplete,
        long namespacesTotal,
        long documentsRead,
        double documentsPerSecond,
        long inserts,
        long updates,
        long replaces,
        long deletes,
        long lagSeconds,
        long written,
        long deleted,
        long writeRetries,
        boolean readyForCutover,
        List<NamespaceLine> namespaces,
        long deletesEmulationChecked,
        long deletesEmulated) {

    /** One namespace's copy: documents copied of the estimated total. */
    public record NamespaceLine(
            String namespace,
            long copied,
            long estimated,
            double documentsPerSecond,
            long rangesFinished,
            long rangesTotal) {}

    /**
     * How far an incomplete copy is: ranges and collections done, and once every range is read,
     * what the copy still waits for (its indexes, built after a checkpoint made it durable).
     */
    public String copyProgress() {
        String progress =
                String.format(
                        "%d/%d ranges, %d/%d collections",
                        rangesFinished, rangesTotal, namespacesComplete, namespacesTotal);
        boolean everyRangeRead =
                namespacesTotal > 0
                        && namespacesComplete == namespacesTotal
                        && rangesFinished == rangesTotal;
        return everyRangeRead ? progress + ", indexes pending" : progress;
    }

    /** The one-line summary (also used when stdout is not a terminal). */
    public String summary() {
        StringBuilder line = new StringBuilder(String.format("[%5ds]", elapsedSeconds));
        line.append(copyComplete ? " copy complete" : " copy " + copyProgress());
        line.append(String.format(", %,d docs (%,.0f/s)", documentsRead, documentsPerSecond));
        line.append(
                String.format(
                        " | changes %,d ins %,d upd %,d repl %,d del",
                        inserts, updates, replaces, deletes));
        line.append(lagSeconds < 0 ? " | lag -" : String.format(" | lag %ds", lagSeconds));
        line.append(String.format(" | written %,d, deleted %,d", written, deleted));
        if (writeRetries > 0) {
            line.append(String.format(", %,d retries", writeRetries));
        }
        if (deletesEmulationChecked >= 0) {
            line.append(
                    String.format(
                            " | deletes emulation: %,d namespaces checked, %,d deletes",
                            deletesEmulationChecked, Math.max(0, deletesEmulated)));
        }
        if (readyForCutover) {
            line.append(" | READY FOR CUTOVER");
        }
        return line.toString();
    }
}
