package io.dsync.benchmarks.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the suite's child processes: {@code ./dsync ...} for servers and jobs, and a
 * plain {@code java} on the benchmarks classpath for baselines and microbenchmarks.
 */
public final class Commands {

    private final Path root;
    private final String classpath;

    private Commands(Path root, String classpath) {
        this.root = root;
        this.classpath = classpath;
    }

    /**
     * @param root the repository's root (where {@code ./dsync} is)
     */
    public static Commands at(Path root) throws IOException {
        Path jar = root.resolve("benchmarks/target/dsync-benchmarks.jar");
        Path cp = root.resolve("benchmarks/target/benchmarks-classpath.txt");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(cp)) {
            throw new IllegalStateException(
                    "benchmarks/target has no jar or classpath file: run benchmarks/run (it builds"
                            + " them) or ./mvnw -q -DskipTests package");
        }
        return new Commands(root, jar + ":" + Files.readString(cp).trim());
    }

    public Path root() {
        return root;
    }

    /** {@code ./dsync args...} */
    public List<String> dsync(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("dsync").toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@code java} with {@code ./dsync}'s classpath (the job jar and Flink) and JVM flags, plus the
     * benchmarks jar: for dsync code the CLI does not expose yet.
     */
    public List<String> dsyncJava(List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException {
        Path jobJar = root.resolve("job/target/dsync-job.jar");
        String launcher =
                Files.readString(root.resolve("job/target/launcher-classpath.txt")).trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (String pkg : DSYNC_OPENS) {
            command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        command.add(
                "-Dlog4j2.configurationFile=" + root.resolve("flink-conf/log4j-cli.properties"));
        command.add("-cp");
        command.add(
                root.resolve("benchmarks/target/dsync-benchmarks.jar")
                        + ":"
                        + jobJar
                        + ":"
                        + launcher);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The packages {@code ./dsync} opens to Flink on JDK 17. */
    private static final List<String> DSYNC_OPENS =
            List.of(
                    "java.util",
                    "java.lang",
                    "java.lang.invoke",
                    "java.net",
                    "java.io",
                    "java.nio",
                    "sun.nio.ch",
                    "java.lang.reflect",
                    "java.text",
                    "java.time",
                    "java.util.concurrent",
                    "java.util.concurrent.atomic",
                    "java.util.concurrent.locks");

    /** {@code java [jvmOptions] -cp <benchmarks> mainClass args...} */
    public List<String> java(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        String javaHome = System.getProperty("java.home");
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
