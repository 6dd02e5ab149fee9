package io.dsync.benchmarks.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a diagnostic command in another JVM ({@code jcmd PID ...}) of this JDK. */
public final class Jcmd {

    private Jcmd() {}

    /**
     * Runs {@code jcmd pid command...}, its output appended to {@code log}; true when it succeeded
     * within a minute.
     */
    public static boolean run(long pid, Path log, String... command) throws InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            Process jcmd =
                    new ProcessBuilder(args)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return false;
            }
            return jcmd.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
